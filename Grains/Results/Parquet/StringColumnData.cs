using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace A2Q.Grains.Results.Parquet;

/// <summary>BYTE_ARRAY holding UTF-8 text; PLAIN is a 4-byte little-endian length followed by the bytes.</summary>
internal sealed class StringColumnData(ParquetColumn column) : ColumnData(column)
{
    // Throws instead of writing U+FFFD for a lone surrogate, so nothing is altered on the way into the file.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<byte[]> values = [];

    public override string? DescribeRejection(object value)
    {
        if (value is not string text)
        {
            return $"expected String but got {value.GetType().Name}";
        }
        try
        {
            StrictUtf8.GetByteCount(text);
            return null;
        }
        catch (EncoderFallbackException)
        {
            return "the string contains a lone UTF-16 surrogate and so has no UTF-8 form";
        }
    }

    public override void WritePlain(int firstRow, int rowCount, IBufferWriter<byte> destination)
    {
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (IsNull(row))
            {
                continue;
            }
            var bytes = values[row];
            var span = destination.GetSpan(sizeof(int) + bytes.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span, bytes.Length);
            bytes.CopyTo(span[sizeof(int)..]);
            destination.Advance(sizeof(int) + bytes.Length);
        }
    }

    public override ColumnStatistics ComputeStatistics(int firstRow, int rowCount)
    {
        long nullCount = 0;
        byte[]? min = null, max = null;
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (IsNull(row))
            {
                nullCount++;
                continue;
            }
            // The STRING order is unsigned byte-wise over UTF-8, which differs from UTF-16 ordinal order
            // once surrogate pairs (U+10000 and up) meet characters in U+E000..U+FFFF.
            var value = values[row];
            if (min is null || value.AsSpan().SequenceCompareTo(min) < 0)
            {
                min = value;
            }
            if (max is null || value.AsSpan().SequenceCompareTo(max) > 0)
            {
                max = value;
            }
        }
        return new ColumnStatistics(nullCount, null, min, max);
    }

    protected override void AppendValue(object value) => values.Add(StrictUtf8.GetBytes((string)value));

    protected override void AppendPlaceholder() => values.Add([]);
}
