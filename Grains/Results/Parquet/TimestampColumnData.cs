namespace A2Q.Grains.Results.Parquet;

/// <summary>TIMESTAMP(MILLIS, UTC): INT64 milliseconds since 1970-01-01T00:00:00Z.</summary>
internal sealed class TimestampColumnData(ParquetColumn column) : NumericColumnData<long>(column)
{
    public override string? DescribeRejection(object value) => value switch
    {
        DateTimeOffset instant => DescribeLostPrecision(instant.UtcTicks),
        DateTime { Kind: DateTimeKind.Utc } utc => DescribeLostPrecision(utc.Ticks),
        DateTime other =>
            $"expected a DateTimeOffset or a UTC DateTime but got a DateTime of kind {other.Kind}, which names no single instant",
        _ => $"expected DateTimeOffset or a UTC DateTime but got {value.GetType().Name}",
    };

    protected override long Convert(object value) => value switch
    {
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        DateTime utc => new DateTimeOffset(utc).ToUnixTimeMilliseconds(),
        _ => throw new InvalidOperationException($"{value.GetType().Name} was not validated as a timestamp."),
    };

    // Silently dropping the sub-millisecond ticks would make the file disagree with what was added.
    private static string? DescribeLostPrecision(long ticks) =>
        ticks % TimeSpan.TicksPerMillisecond == 0
            ? null
            : "the timestamp has sub-millisecond ticks, which TIMESTAMP(MILLIS) cannot hold; round it to whole milliseconds first";
}
