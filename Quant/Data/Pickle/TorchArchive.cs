using System.IO.Compression;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// Reads a file written by <c>torch.save</c> in its zip format (torch 1.6 and later): a zip whose entries sit under
/// one folder, <c>&lt;archive&gt;/data.pkl</c> (a protocol-2 pickle of the saved object) and
/// <c>&lt;archive&gt;/data/&lt;key&gt;</c> (one raw storage per key), plus bookkeeping entries that are ignored.
/// Python lists, tuples, dicts, ints, floats and strings come back as <see cref="PickleReader"/> values, tensors as
/// <see cref="TorchTensor"/>. The older non-zip format is rejected with a message saying so.
/// </summary>
internal static class TorchArchive
{
    public static object? ReadFile(string path, string missingHint)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(path, $"the file is missing; {missingHint}", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(
                path, $"not a torch zip archive (truncated or corrupt, or saved in torch's pre-1.6 legacy format, which is not supported): {e.Message}", e);
        }

        using (archive)
        {
            var pickles = archive.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).ToList();
            if (pickles.Count != 1)
            {
                throw new DatasetFormatException(path, $"a torch archive holds exactly one <archive>/data.pkl entry; this one has {pickles.Count}");
            }

            string folder = pickles[0].FullName[..^"data.pkl".Length];
            var storages = new Dictionary<string, TorchStorage>();
            object LoadStorage(PickleTuple id) => LoadStorageEntry(path, archive, folder, storages, id);
            return PickleReader.Read(ReadEntry(path, pickles[0]), $"{path}", LoadStorage);
        }
    }

    private static TorchStorage LoadStorageEntry(string path, ZipArchive archive, string folder, Dictionary<string, TorchStorage> storages, PickleTuple id)
    {
        if (id.Count != 5 || id[0] is not string tag || tag != "storage" || id[1] is not KnownGlobal type || !TorchStorage.IsStorageType(type)
            || id[2] is not string key || id[4] is not long elementCount || elementCount < 0)
        {
            throw new DatasetFormatException(
                path, $"entry {folder}data.pkl: persistent id ({string.Join(", ", id.Items.Select(PickleReader.Describe))}) is not "
                + "('storage', torch.<Float|Double|Long|Int>Storage, key, location, element count)");
        }

        if (storages.TryGetValue(key, out var known))
        {
            return known;
        }

        string entryName = $"{folder}data/{key}";
        var entry = archive.GetEntry(entryName)
            ?? throw new DatasetFormatException(path, $"entry {folder}data.pkl names storage {key}, but the archive has no entry {entryName}");
        byte[] bytes = ReadEntry(path, entry);
        var storage = new TorchStorage(path, type, key, bytes);
        if (bytes.Length != elementCount * storage.ItemSize)
        {
            throw new DatasetFormatException(
                path, $"entry {entryName} holds {bytes.Length} bytes, but its persistent id announces {elementCount} elements of {type} ({elementCount * storage.ItemSize} bytes)");
        }

        storages.Add(key, storage);
        return storage;
    }

    private static byte[] ReadEntry(string path, ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, $"entry {entry.FullName} cannot be read (truncated or corrupt): {e.Message}", e);
        }
    }
}
