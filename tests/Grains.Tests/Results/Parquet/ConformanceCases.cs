using A2Q.Grains.Results.Parquet;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>
/// The tables of the DuckDB conformance test: every column type, REQUIRED and OPTIONAL, with edge values spread
/// through pseudo-random ones (fixed seed), a null in every 7th row of each nullable column, long runs of nulls,
/// an all-null and an all-NaN column; written as one row group, as many row groups and pages, and with no rows.
/// </summary>
internal static class ConformanceCases
{
    public const int RowCount = 1000;

    // NaN is allowed: the writer stores its bits as given and leaves it out of min/max (counting it in nan_count).
    // DuckDB hands NaN to JavaScript as a plain NaN, so the test checks NaN-ness, not the payload.
    private static readonly object[] FloatEdges =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0.1f, 1f / 3f, 16777216f, -2.5f,
    ];

    private static readonly object[] DoubleEdges =
    [
        0d, -0d, double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.1, 1d / 3d, Math.PI, 9007199254740993d,
        1e-300, -123456.789,
    ];

    private static readonly object[] Int32Edges = [int.MinValue, int.MaxValue, 0, -1, 1, int.MinValue + 1];

    // 2^53 + 1 is the first integer a JavaScript number cannot hold; BIGINT must not pass through one.
    private static readonly object[] Int64Edges =
        [long.MinValue, long.MaxValue, 0L, -1L, 1L, (long)int.MaxValue + 1, 9007199254740993L];

    // U+10FFFF is the largest string in UTF-8 byte order, but U+FFFD is the largest in UTF-16 ordinal order:
    // statistics computed on UTF-16 would get the maximum wrong.
    private static readonly object[] StringEdges =
    [
        "", "a", " padded ", "ünïcødé", "日本語のテキスト", "😀 emoji", "\uFFFD", "\uE000 private use", "\U0010FFFF",
        "line\nbreak\r\n", "tab\t\"quote\" 'apostrophe' \\backslash", "nul\0inside", new string('x', 5000),
        "Zu\u0308rich (decomposed)", "Z\u00FCrich (composed)",
    ];

    private static readonly object[] TimestampEdges =
    [
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch.AddMilliseconds(-1),
        new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(5.5)),
        new DateTime(2000, 2, 29, 12, 0, 0, 1, DateTimeKind.Utc),
        new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.FromHours(-8)),
    ];

    private static readonly string[] StringPieces = ["a", "b", "Z", "0", " ", "ä", "€", "日", "😀", "\t", "'"];

    public static ParquetSchema Schema { get; } = new(
        new ParquetColumn("bool_required", ParquetType.Boolean),
        new ParquetColumn("bool_nullable", ParquetType.Boolean, Nullable: true),
        new ParquetColumn("int32_required", ParquetType.Int32),
        new ParquetColumn("int32_nullable", ParquetType.Int32, Nullable: true),
        new ParquetColumn("int64_required", ParquetType.Int64),
        new ParquetColumn("int64_nullable", ParquetType.Int64, Nullable: true),
        new ParquetColumn("float_required", ParquetType.Float),
        new ParquetColumn("float_nullable", ParquetType.Float, Nullable: true),
        new ParquetColumn("double_required", ParquetType.Double),
        new ParquetColumn("double_nullable", ParquetType.Double, Nullable: true),
        new ParquetColumn("string_required", ParquetType.String),
        new ParquetColumn("string_nullable", ParquetType.String, Nullable: true),
        new ParquetColumn("timestamp_required", ParquetType.Timestamp),
        new ParquetColumn("timestamp_nullable", ParquetType.Timestamp, Nullable: true),
        new ParquetColumn("int32_null_runs", ParquetType.Int32, Nullable: true),
        new ParquetColumn("string_all_null", ParquetType.String, Nullable: true),
        new ParquetColumn("double_all_nan", ParquetType.Double));

    public static ParquetSchema SignedZerosSchema { get; } = new(
        new ParquetColumn("double_zero_min", ParquetType.Double),
        new ParquetColumn("double_zero_max", ParquetType.Double),
        new ParquetColumn("float_zero_min", ParquetType.Float, Nullable: true),
        new ParquetColumn("float_zero_max", ParquetType.Float, Nullable: true));

    public static IReadOnlyList<ConformanceCase> Create()
    {
        var rows = Rows(RowCount, seed: 20261122);
        return
        [
            new ConformanceCase("one_row_group", Schema, rows, MaxRowsPerRowGroup: 1_000_000, MaxRowsPerPage: 20_000),
            // Neither 300 nor 45 is a multiple of 8, so pages and row groups start inside bit-packed level groups.
            new ConformanceCase("row_groups_and_pages", Schema, rows, MaxRowsPerRowGroup: 300, MaxRowsPerPage: 45),
            new ConformanceCase("empty", Schema, [], MaxRowsPerRowGroup: 1_000_000, MaxRowsPerPage: 20_000),
            // -0.0 == +0.0, so a zero bound is ambiguous; the spec wants -0.0 as a zero min and +0.0 as a zero max.
            new ConformanceCase("signed_zeros", SignedZerosSchema, SignedZerosRows(), MaxRowsPerRowGroup: 1_000_000, MaxRowsPerPage: 20_000),
        ];
    }

    private static List<object?[]> SignedZerosRows() =>
    [
        [0d, -0d, 0f, -0f],
        [2d, -3d, null, -1f],
        [-0d, 0d, 5f, null],
        [1d, -1d, -0f, 0f],
    ];

    private static List<object?[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<object?[]>(count);
        for (var row = 0; row < count; row++)
        {
            var values = new object?[Schema.Count];
            for (var column = 0; column < Schema.Count; column++)
            {
                values[column] = Value(Schema[column], column, row, random);
            }
            rows.Add(values);
        }
        return rows;
    }

    private static object? Value(ParquetColumn column, int columnIndex, int row, Random random)
    {
        switch (column.Name)
        {
            case "int32_null_runs":
                // Runs of 100 nulls and 200 values: long enough for RLE runs in the definition levels.
                return row / 100 % 3 == 0 ? null : row;
            case "string_all_null":
                return null;
            case "double_all_nan":
                return double.NaN;
        }
        if (column.Nullable && (row + columnIndex) % 7 == 0)
        {
            return null;
        }
        // Every third row takes the next edge value, the others a pseudo-random one.
        var edge = row % 3 == 0 ? row / 3 : -1;
        return column.Type switch
        {
            ParquetType.Boolean => random.Next(2) == 1,
            ParquetType.Int32 => edge >= 0 ? Int32Edges[edge % Int32Edges.Length] : random.Next(int.MinValue, int.MaxValue),
            ParquetType.Int64 => edge >= 0 ? Int64Edges[edge % Int64Edges.Length] : random.NextInt64(long.MinValue, long.MaxValue),
            // Arbitrary bit patterns reach every exponent, subnormals and NaN payloads included.
            ParquetType.Float => edge >= 0 ? FloatEdges[edge % FloatEdges.Length] : BitConverter.Int32BitsToSingle((int)random.NextInt64()),
            ParquetType.Double => edge >= 0 ? DoubleEdges[edge % DoubleEdges.Length] : BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
            ParquetType.String => edge >= 0 ? StringEdges[edge % StringEdges.Length] : RandomString(random),
            ParquetType.Timestamp => edge >= 0
                ? TimestampEdges[edge % TimestampEdges.Length]
                : DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(-2_208_988_800_000, 4_102_444_800_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, null),
        };
    }

    private static string RandomString(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(13)).Select(_ => StringPieces[random.Next(StringPieces.Length)]));
}
