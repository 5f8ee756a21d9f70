namespace A2Q.Grains.Results.Parquet;

/// <summary>Where one column chunk landed in the file and what it holds, for its ColumnMetaData in the footer.</summary>
internal sealed record ColumnChunkLayout(
    ParquetColumn Column,
    long ValueCount,
    long TotalUncompressedSize,
    long TotalCompressedSize,
    long DataPageOffset,
    ColumnStatistics Statistics);
