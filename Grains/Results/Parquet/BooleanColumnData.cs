using System.Buffers;

namespace A2Q.Grains.Results.Parquet;

/// <summary>BOOLEAN, whose PLAIN encoding packs one bit per non-null value, least significant bit first.</summary>
internal sealed class BooleanColumnData(ParquetColumn column) : ColumnData(column)
{
    private readonly List<bool> values = [];

    public override string? DescribeRejection(object value) =>
        value is bool ? null : $"expected Boolean but got {value.GetType().Name}";

    public override void WritePlain(int firstRow, int rowCount, IBufferWriter<byte> destination)
    {
        var packed = 0;
        var bitCount = 0;
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (IsNull(row))
            {
                continue;
            }
            if (values[row])
            {
                packed |= 1 << bitCount;
            }
            if (++bitCount == 8)
            {
                WriteByte(destination, packed);
                (packed, bitCount) = (0, 0);
            }
        }
        if (bitCount > 0)
        {
            WriteByte(destination, packed);
        }
    }

    public override ColumnStatistics ComputeStatistics(int firstRow, int rowCount)
    {
        long nullCount = 0;
        bool anyFalse = false, anyTrue = false;
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (IsNull(row))
            {
                nullCount++;
            }
            else if (values[row])
            {
                anyTrue = true;
            }
            else
            {
                anyFalse = true;
            }
        }
        if (!anyFalse && !anyTrue)
        {
            return new ColumnStatistics(nullCount, null, null, null);
        }
        // false < true; a single statistics value is PLAIN-encoded as one byte.
        byte[] min = [anyFalse ? (byte)0 : (byte)1];
        byte[] max = [anyTrue ? (byte)1 : (byte)0];
        return new ColumnStatistics(nullCount, null, min, max);
    }

    protected override void AppendValue(object value) => values.Add((bool)value);

    protected override void AppendPlaceholder() => values.Add(false);

    private static void WriteByte(IBufferWriter<byte> destination, int value)
    {
        destination.GetSpan(1)[0] = (byte)value;
        destination.Advance(1);
    }
}
