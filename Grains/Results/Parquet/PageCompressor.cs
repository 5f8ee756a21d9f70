using System.IO.Compression;

namespace A2Q.Grains.Results.Parquet;

/// <summary>Compresses a whole data page body (levels and values together, as data page v1 requires).</summary>
internal static class PageCompressor
{
    public static byte[] Compress(ReadOnlySpan<byte> page, ParquetCompression compression)
    {
        switch (compression)
        {
            case ParquetCompression.Uncompressed:
                return page.ToArray();
            case ParquetCompression.Snappy:
                // IronSnappy.Snappy.Encode produces the raw block format; Parquet does not use Snappy's framing format.
                return IronSnappy.Snappy.Encode(page);
            case ParquetCompression.Gzip:
                using (var compressed = new MemoryStream())
                {
                    // GZipStream writes the RFC 1952 gzip container Parquet's GZIP codec names, in a single member.
                    using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(page);
                    }
                    return compressed.ToArray();
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown Parquet compression.");
        }
    }
}
