namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Writes a <see cref="ParquetTable"/> as a Parquet file: flat schema, PLAIN values, definition levels for
/// nullable columns, data page v1, min/max/null-count statistics, optional Snappy or GZIP compression.
/// </summary>
public static class ParquetWriter
{
    public static void Write(Stream destination, ParquetTable table, ParquetCompression compression, CancellationToken ct = default) =>
        Write(destination, table, new ParquetWriteOptions { Compression = compression }, ct);

    /// <summary>Writes the whole file to <paramref name="destination"/>, whose current position becomes file offset 0.</summary>
    public static void Write(Stream destination, ParquetTable table, ParquetWriteOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }
        new ParquetFileEncoder(destination, options, ct).Encode(table);
    }

    public static void WriteFile(string path, ParquetTable table, ParquetCompression compression, CancellationToken ct = default) =>
        WriteFile(path, table, new ParquetWriteOptions { Compression = compression }, ct);

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and renames it into place once complete, replacing
    /// any existing file; on failure or cancellation the temporary file is removed and <paramref name="path"/> is untouched.
    /// </summary>
    public static void WriteFile(string path, ParquetTable table, ParquetWriteOptions options, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names a root, not a file.", nameof(path));
        // Same folder, so the rename stays on one file system and is atomic; the leading dot and the .tmp suffix
        // keep readers that glob "*.parquet" (DuckDB, Spark) away from a file that is still being written.
        var temporaryPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Write(file, table, options, ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    // The write's own exception is the one worth reporting; a failed clean-up must not replace it.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
