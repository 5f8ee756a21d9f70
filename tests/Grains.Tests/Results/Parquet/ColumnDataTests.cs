using System.Buffers;
using System.Text;
using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>Statistics and PLAIN encodings of single columns, against hand-computed bytes.</summary>
public class ColumnDataTests
{
    private static ColumnData Column(ParquetType type, params object?[] values)
    {
        var column = ColumnData.Create(new ParquetColumn("c", type, Nullable: true));
        foreach (var value in values)
        {
            Assert.True(value is null || column.DescribeRejection(value) is null);
            column.Append(value);
        }
        return column;
    }

    private static ColumnStatistics Statistics(ColumnData column) => column.ComputeStatistics(0, column.RowCount);

    private static byte[] Plain(ColumnData column)
    {
        var output = new ArrayBufferWriter<byte>();
        column.WritePlain(0, column.RowCount, output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void IntegerBoundsAreSignedLittleEndianWithoutANanCount()
    {
        var statistics = Statistics(Column(ParquetType.Int32, 5, null, -2, 7, null));

        Assert.Equal(2, statistics.NullCount);
        Assert.Null(statistics.NanCount);
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF }, statistics.MinValue);
        Assert.Equal(new byte[] { 0x07, 0x00, 0x00, 0x00 }, statistics.MaxValue);
    }

    [Fact]
    public void ZeroBoundsAreNegativeZeroForMinAndPositiveZeroForMax()
    {
        var onlyZeros = Statistics(Column(ParquetType.Double, 0d, -0d, 0d));

        Assert.Equal(BitConverter.GetBytes(-0d), onlyZeros.MinValue);
        Assert.Equal(BitConverter.GetBytes(0d), onlyZeros.MaxValue);
    }

    [Fact]
    public void NanIsCountedButKeptOutOfTheBounds()
    {
        var statistics = Statistics(Column(ParquetType.Float, float.NaN, 2.5f, null, -1f, float.NaN));

        Assert.Equal(1, statistics.NullCount);
        Assert.Equal(2, statistics.NanCount);
        Assert.Equal(BitConverter.GetBytes(-1f), statistics.MinValue);
        Assert.Equal(BitConverter.GetBytes(2.5f), statistics.MaxValue);
    }

    [Fact]
    public void OnlyNansOrOnlyNullsGiveNoBounds()
    {
        var nans = Statistics(Column(ParquetType.Double, double.NaN, double.NaN));
        Assert.Equal(new ColumnStatistics(0, 2, null, null), nans);

        var nulls = Statistics(Column(ParquetType.String, null, null));
        Assert.Equal(new ColumnStatistics(2, null, null, null), nulls);
    }

    [Fact]
    public void StringBoundsFollowUtf8ByteOrderNotUtf16()
    {
        // UTF-16: U+FFFD (0xFFFD) > U+1F600 (0xD83D 0xDE00); UTF-8: EF BF BD < F0 9F 98 80.
        var statistics = Statistics(Column(ParquetType.String, "\U0001F600", "\uFFFD", "z"));

        Assert.Equal(Encoding.UTF8.GetBytes("z"), statistics.MinValue);
        Assert.Equal(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, statistics.MaxValue);
    }

    [Fact]
    public void BooleanBoundsAreOneByteEach()
    {
        var onlyTrue = Statistics(Column(ParquetType.Boolean, true, null, true));
        Assert.Equal(1, onlyTrue.NullCount);
        Assert.Equal(new byte[] { 1 }, onlyTrue.MinValue);
        Assert.Equal(new byte[] { 1 }, onlyTrue.MaxValue);

        var mixed = Statistics(Column(ParquetType.Boolean, true, false));
        Assert.Equal(new byte[] { 0 }, mixed.MinValue);
        Assert.Equal(new byte[] { 1 }, mixed.MaxValue);
    }

    [Fact]
    public void TimestampsAreUnixMillisecondsWhateverTheOffset()
    {
        var column = Column(ParquetType.Timestamp,
            new DateTimeOffset(1970, 1, 1, 5, 30, 0, 1, TimeSpan.FromHours(5.5)), // 1 ms after the epoch
            new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc)); // 1 ms before

        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, Plain(column));
    }

    [Fact]
    public void StatisticsCoverOnlyTheRequestedRows()
    {
        var column = Column(ParquetType.Int64, 100L, 1L, 2L, null, -100L);

        var middle = column.ComputeStatistics(1, 3);

        Assert.Equal(1, middle.NullCount);
        Assert.Equal(BitConverter.GetBytes(1L), middle.MinValue);
        Assert.Equal(BitConverter.GetBytes(2L), middle.MaxValue);
    }

    [Fact]
    public void PlainSkipsNullRows()
    {
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00 }, Plain(Column(ParquetType.Int32, 1, null, 3)));
        Assert.Equal(new byte[] { 0b101 }, Plain(Column(ParquetType.Boolean, true, null, false, true)));
    }
}
