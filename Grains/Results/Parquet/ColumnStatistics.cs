namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Parquet Statistics of one column chunk. Min and max are PLAIN-encoded (strings without their length prefix)
/// and absent when the chunk holds no orderable value (only nulls, or only NaNs).
/// </summary>
internal sealed record ColumnStatistics(long NullCount, long? NanCount, byte[]? MinValue, byte[]? MaxValue);
