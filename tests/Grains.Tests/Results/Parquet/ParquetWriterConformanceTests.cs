using System.Globalization;
using System.Text;
using System.Text.Json;
using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>
/// DuckDB, an independent Parquet implementation, must read back exactly what we wrote: the types, every value,
/// the schema annotations, the layout and the statistics, for every codec.
/// </summary>
public class ParquetWriterConformanceTests(DuckDbConformanceFixture duckDb) : IClassFixture<DuckDbConformanceFixture>
{
    public static TheoryData<string, ParquetCompression> Files()
    {
        var files = new TheoryData<string, ParquetCompression>();
        foreach (var caseName in new[] { "one_row_group", "row_groups_and_pages", "empty", "signed_zeros" })
        {
            foreach (var compression in Enum.GetValues<ParquetCompression>())
            {
                files.Add(caseName, compression);
            }
        }
        return files;
    }

    /// <summary>The DuckDB type each of our column types reads back as.</summary>
    private static string DuckDbType(ParquetType type) => type switch
    {
        ParquetType.Boolean => "BOOLEAN",
        ParquetType.Int32 => "INTEGER",
        ParquetType.Int64 => "BIGINT",
        ParquetType.Float => "FLOAT",
        ParquetType.Double => "DOUBLE",
        ParquetType.String => "VARCHAR",
        ParquetType.Timestamp => "TIMESTAMP WITH TIME ZONE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDbReadsEveryColumnWithItsNameAndType(string caseName, ParquetCompression compression)
    {
        var schema = duckDb.Case(caseName).Schema;
        var columns = duckDb.Report(caseName, compression).GetProperty("columns").EnumerateArray()
            .Select(column => (column.GetProperty("name").GetString(), column.GetProperty("type").GetString()));

        Assert.Equal(schema.Select(column => ((string?)column.Name, (string?)DuckDbType(column.Type))), columns);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDbReadsBackEveryValueExactly(string caseName, ParquetCompression compression)
    {
        var conformanceCase = duckDb.Case(caseName);
        var rows = duckDb.Report(caseName, compression).GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(conformanceCase.Rows.Count, rows.Count);
        var mismatches = new List<string>();
        for (var row = 0; row < rows.Count; row++)
        {
            var cells = rows[row].EnumerateArray().ToList();
            Assert.Equal(conformanceCase.Schema.Count, cells.Count);
            for (var column = 0; column < cells.Count; column++)
            {
                var expected = conformanceCase.Rows[row][column];
                if (!CellMatches(conformanceCase.Schema[column].Type, expected, cells[column]))
                {
                    mismatches.Add($"row {row}, column {conformanceCase.Schema[column].Name}: " +
                                   $"wrote {Describe(expected)}, DuckDB read {cells[column].GetRawText()}");
                }
            }
        }
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} values differ, for example:\n{string.Join('\n', mismatches.Take(10))}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDbSeesTheParquetSchemaWeDeclared(string caseName, ParquetCompression compression)
    {
        var schema = duckDb.Case(caseName).Schema;
        var elements = duckDb.Report(caseName, compression).GetProperty("schema").EnumerateArray().ToList();

        Assert.Equal(schema.Count + 1, elements.Count);
        Assert.Equal(schema.Count.ToString(CultureInfo.InvariantCulture), elements[0].GetProperty("num_children").GetString());
        for (var index = 0; index < schema.Count; index++)
        {
            var column = schema[index];
            var element = elements[index + 1];
            Assert.Equal(column.Name, element.GetProperty("name").GetString());
            Assert.Equal(column.Nullable ? "OPTIONAL" : "REQUIRED", element.GetProperty("repetition_type").GetString());
            var (physical, converted, logical) = column.Type switch
            {
                ParquetType.Boolean => ("BOOLEAN", null, null),
                ParquetType.Int32 => ("INT32", null, null),
                ParquetType.Int64 => ("INT64", null, null),
                ParquetType.Float => ("FLOAT", null, null),
                ParquetType.Double => ("DOUBLE", null, null),
                ParquetType.String => ("BYTE_ARRAY", "UTF8", "StringType()"),
                ParquetType.Timestamp => ("INT64", "TIMESTAMP_MILLIS",
                    "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=MilliSeconds(), MICROS=<null>, NANOS=<null>))"),
                _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
            };
            Assert.Equal(physical, element.GetProperty("type").GetString());
            Assert.Equal(converted, element.GetProperty("converted_type").GetString());
            Assert.Equal(logical, element.GetProperty("logical_type").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDbSeesTheRowGroupsCodecAndCreator(string caseName, ParquetCompression compression)
    {
        var conformanceCase = duckDb.Case(caseName);
        var report = duckDb.Report(caseName, compression);
        var file = report.GetProperty("file");
        var rowGroups = conformanceCase.RowGroups().ToList();

        Assert.Equal("A2Q.Cluster parquet writer", file.GetProperty("created_by").GetString());
        Assert.Equal(conformanceCase.Rows.Count.ToString(CultureInfo.InvariantCulture), file.GetProperty("num_rows").GetString());
        Assert.Equal(rowGroups.Count.ToString(CultureInfo.InvariantCulture), file.GetProperty("num_row_groups").GetString());

        var chunks = report.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(rowGroups.Count * conformanceCase.Schema.Count, chunks.Count);
        foreach (var chunk in chunks)
        {
            var rowGroup = rowGroups[int.Parse(chunk.GetProperty("row_group_id").GetString()!, CultureInfo.InvariantCulture)];
            var column = conformanceCase.Schema[int.Parse(chunk.GetProperty("column_id").GetString()!, CultureInfo.InvariantCulture)];
            Assert.Equal(column.Name, chunk.GetProperty("path_in_schema").GetString());
            Assert.Equal(compression.ToString().ToUpperInvariant(), chunk.GetProperty("compression").GetString());
            Assert.Equal(rowGroup.RowCount.ToString(CultureInfo.InvariantCulture), chunk.GetProperty("num_values").GetString());
            Assert.Equal(column.Nullable ? "PLAIN, RLE" : "PLAIN", chunk.GetProperty("encodings").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDbSeesCorrectStatisticsForEveryColumnChunk(string caseName, ParquetCompression compression)
    {
        var conformanceCase = duckDb.Case(caseName);
        var rowGroups = conformanceCase.RowGroups().ToList();
        var mismatches = new List<string>();
        foreach (var chunk in duckDb.Report(caseName, compression).GetProperty("chunks").EnumerateArray())
        {
            var rowGroupIndex = int.Parse(chunk.GetProperty("row_group_id").GetString()!, CultureInfo.InvariantCulture);
            var columnIndex = int.Parse(chunk.GetProperty("column_id").GetString()!, CultureInfo.InvariantCulture);
            var column = conformanceCase.Schema[columnIndex];
            var (firstRow, rowCount) = rowGroups[rowGroupIndex];
            var values = conformanceCase.Rows.Skip(firstRow).Take(rowCount).Select(row => row[columnIndex]).ToList();
            var expected = ExpectedStatistics.Of(column.Type, values);

            var where = $"row group {rowGroupIndex}, column {column.Name}";
            var nullCount = chunk.GetProperty("stats_null_count").GetString();
            if (nullCount != expected.NullCount.ToString(CultureInfo.InvariantCulture))
            {
                mismatches.Add($"{where}: null count {expected.NullCount}, DuckDB read {nullCount}");
            }
            if (!StatisticMatches(column.Type, expected.Min, chunk.GetProperty("stats_min_value")))
            {
                mismatches.Add($"{where}: min {Describe(expected.Min)}, DuckDB read {chunk.GetProperty("stats_min_value").GetRawText()}");
            }
            if (!StatisticMatches(column.Type, expected.Max, chunk.GetProperty("stats_max_value")))
            {
                mismatches.Add($"{where}: max {Describe(expected.Max)}, DuckDB read {chunk.GetProperty("stats_max_value").GetRawText()}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private static bool CellMatches(ParquetType type, object? expected, JsonElement actual)
    {
        if (expected is null || actual.ValueKind == JsonValueKind.Null)
        {
            return expected is null && actual.ValueKind == JsonValueKind.Null;
        }
        return type switch
        {
            ParquetType.Boolean => actual.ValueKind == ((bool)expected ? JsonValueKind.True : JsonValueKind.False),
            ParquetType.Int32 or ParquetType.Int64 =>
                actual.GetString() == Convert.ToString(expected, CultureInfo.InvariantCulture),
            // FLOAT reaches JavaScript widened to a double, exactly; its shortest decimal parses back to that double.
            ParquetType.Float => SameNumber((float)expected, ParseNumber(actual.GetString()!)),
            ParquetType.Double => SameNumber((double)expected, ParseNumber(actual.GetString()!)),
            ParquetType.String => actual.GetString() == (string)expected,
            ParquetType.Timestamp => actual.GetString() ==
                (ExpectedStatistics.UnixMilliseconds(expected) * 1000).ToString(CultureInfo.InvariantCulture),
            _ => false,
        };
    }

    private static bool StatisticMatches(ParquetType type, object? expected, JsonElement actual)
    {
        // DuckDB's parquet_metadata() shows an infinite FLOAT/DOUBLE bound as NULL (its own writer omits them too).
        if (expected is float and (float.PositiveInfinity or float.NegativeInfinity) ||
            expected is double and (double.PositiveInfinity or double.NegativeInfinity))
        {
            expected = null;
        }
        if (expected is null || actual.ValueKind == JsonValueKind.Null)
        {
            return expected is null && actual.ValueKind == JsonValueKind.Null;
        }
        var text = actual.GetString()!;
        return type switch
        {
            ParquetType.Boolean => text == ((bool)expected ? "true" : "false"),
            ParquetType.Int32 or ParquetType.Int64 => text == Convert.ToString(expected, CultureInfo.InvariantCulture),
            // DuckDB prints a FLOAT statistic as the shortest decimal of the float itself.
            ParquetType.Float => SameNumber((float)expected, float.Parse(text, CultureInfo.InvariantCulture)),
            ParquetType.Double => SameNumber((double)expected, double.Parse(text, CultureInfo.InvariantCulture)),
            ParquetType.String => text == (string)expected,
            // e.g. "0001-01-01 00:00:00+00" or "9999-12-31 23:59:59.999+00" (the script sets TimeZone to UTC).
            ParquetType.Timestamp => DateTimeOffset.ParseExact(text, ["yyyy-MM-dd HH:mm:sszz", "yyyy-MM-dd HH:mm:ss.FFFFFFzz"],
                CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() == ExpectedStatistics.UnixMilliseconds(expected),
            _ => false,
        };
    }

    private static double ParseNumber(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // Bit-for-bit, so that -0 and +0 differ; any NaN matches any NaN (DuckDB does not carry payloads into JavaScript).
    private static bool SameNumber(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    private static string Describe(object? value) => value switch
    {
        null => "NULL",
        string text => JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "…" : text),
        float number => number.ToString("R", CultureInfo.InvariantCulture) + "f",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
