namespace A2Q.Grains.Results.Parquet;

/// <summary>How a <see cref="ParquetTable"/> is laid out in a file.</summary>
public sealed record ParquetWriteOptions
{
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>A new row group starts after this many rows; readers parallelize and prune by row group.</summary>
    public int MaxRowsPerRowGroup { get; init; } = 1_000_000;

    /// <summary>A column chunk is split into data pages of at most this many rows (a page must stay below 2 GiB).</summary>
    public int MaxRowsPerPage { get; init; } = 20_000;

    internal void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Unknown compression {(int)Compression}.", nameof(Compression));
        }
        if (MaxRowsPerRowGroup < 1)
        {
            throw new ArgumentException($"{nameof(MaxRowsPerRowGroup)} must be at least 1 (got {MaxRowsPerRowGroup}).", nameof(MaxRowsPerRowGroup));
        }
        if (MaxRowsPerPage < 1)
        {
            throw new ArgumentException($"{nameof(MaxRowsPerPage)} must be at least 1 (got {MaxRowsPerPage}).", nameof(MaxRowsPerPage));
        }
    }
}
