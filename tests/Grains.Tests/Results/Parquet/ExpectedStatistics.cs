using System.Text;
using A2Q.Grains.Results.Parquet;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>
/// Column chunk statistics computed straight from the values as added, independently of the writer's code:
/// strings ordered by Unicode code point (which is the UTF-8 byte order the spec asks for), NaN excluded from
/// float bounds, and a zero bound written as -0.0 (min) or +0.0 (max).
/// </summary>
internal sealed record ExpectedStatistics(long NullCount, object? Min, object? Max)
{
    public static ExpectedStatistics Of(ParquetType type, IReadOnlyList<object?> values)
    {
        var present = values.Where(value => value is not null).Select(value => value!).ToList();
        var nullCount = values.Count - present.Count;
        switch (type)
        {
            case ParquetType.Float:
                var floats = present.Cast<float>().Where(value => !float.IsNaN(value)).ToList();
                return floats.Count == 0
                    ? new(nullCount, null, null)
                    : new(nullCount, ZeroAsNegative(floats.Min()), ZeroAsPositive(floats.Max()));
            case ParquetType.Double:
                var doubles = present.Cast<double>().Where(value => !double.IsNaN(value)).ToList();
                return doubles.Count == 0
                    ? new(nullCount, null, null)
                    : new(nullCount, ZeroAsNegative(doubles.Min()), ZeroAsPositive(doubles.Max()));
        }
        if (present.Count == 0)
        {
            return new(nullCount, null, null);
        }
        return type switch
        {
            ParquetType.Boolean => new(nullCount, present.Cast<bool>().Min(), present.Cast<bool>().Max()),
            ParquetType.Int32 => new(nullCount, present.Cast<int>().Min(), present.Cast<int>().Max()),
            ParquetType.Int64 => new(nullCount, present.Cast<long>().Min(), present.Cast<long>().Max()),
            ParquetType.String => new(nullCount,
                present.Cast<string>().Order(CodePointOrder.Instance).First(),
                present.Cast<string>().Order(CodePointOrder.Instance).Last()),
            ParquetType.Timestamp => new(nullCount,
                present.MinBy(UnixMilliseconds), present.MaxBy(UnixMilliseconds)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    public static long UnixMilliseconds(object timestamp) => timestamp switch
    {
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        DateTime utc => new DateTimeOffset(utc).ToUnixTimeMilliseconds(),
        _ => throw new ArgumentException($"{timestamp.GetType().Name} is not a timestamp.", nameof(timestamp)),
    };

    // LINQ's Min/Max keep whichever zero comes first; the spec wants the bounds to cover both zeros.
    private static object ZeroAsNegative(float value) => value == 0 ? -0f : value;

    private static object ZeroAsPositive(float value) => value == 0 ? 0f : value;

    private static object ZeroAsNegative(double value) => value == 0 ? -0d : value;

    private static object ZeroAsPositive(double value) => value == 0 ? 0d : value;

    private sealed class CodePointOrder : IComparer<string>
    {
        public static readonly CodePointOrder Instance = new();

        public int Compare(string? left, string? right)
        {
            using var leftRunes = (left ?? "").EnumerateRunes().GetEnumerator();
            using var rightRunes = (right ?? "").EnumerateRunes().GetEnumerator();
            while (true)
            {
                var leftMore = leftRunes.MoveNext();
                var rightMore = rightRunes.MoveNext();
                if (!leftMore || !rightMore)
                {
                    return leftMore.CompareTo(rightMore);
                }
                var order = leftRunes.Current.Value.CompareTo(rightRunes.Current.Value);
                if (order != 0)
                {
                    return order;
                }
            }
        }
    }
}
