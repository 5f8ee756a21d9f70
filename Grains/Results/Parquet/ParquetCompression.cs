namespace A2Q.Grains.Results.Parquet;

/// <summary>The codec applied to every data page of a file.</summary>
public enum ParquetCompression
{
    Uncompressed,

    /// <summary>Raw Snappy blocks (not the framed stream format), as the Parquet spec requires.</summary>
    Snappy,

    /// <summary>One RFC 1952 gzip member per page (gzip, not zlib or raw deflate, as the Parquet spec requires).</summary>
    Gzip,
}
