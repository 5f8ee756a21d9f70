namespace A2Q.Quant.Training.Checkpoints;

/// <summary>
/// A checkpoint in one file. Saving writes a temporary file beside it, flushes it to disk and renames it over the
/// old one, so a crash mid-save leaves the previous checkpoint intact and no partial file under the real name.
/// </summary>
public sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Location => path;

    /// <summary>The saved checkpoint; temporary files left by a process killed mid-save are removed first.</summary>
    public byte[]? Load()
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(directory))
        {
            foreach (var leftover in Directory.EnumerateFiles(directory, $"{Path.GetFileName(path)}.*.tmp"))
            {
                File.Delete(leftover);
            }
        }

        return File.Exists(path) ? CheckpointFormat.Unframe(File.ReadAllBytes(path), path) : null;
    }

    public void Save(byte[] payload)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(CheckpointFormat.Frame(payload));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public void Delete() => File.Delete(path);
}
