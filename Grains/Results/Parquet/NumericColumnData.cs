using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A2Q.Grains.Results.Parquet;

/// <summary>A fixed-width column (INT32, INT64, FLOAT, DOUBLE) whose PLAIN encoding is the little-endian value.</summary>
internal class NumericColumnData<T>(ParquetColumn column) : ColumnData(column)
    where T : unmanaged, INumber<T>
{
    private static readonly bool IsFloatingPoint = typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private readonly List<T> values = [];

    public override string? DescribeRejection(object value) =>
        value is T ? null : $"expected {typeof(T).Name} but got {value.GetType().Name}";

    public override void WritePlain(int firstRow, int rowCount, IBufferWriter<byte> destination)
    {
        var size = Unsafe.SizeOf<T>();
        var slots = CollectionsMarshal.AsSpan(values);
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (!IsNull(row))
            {
                WriteLittleEndian(slots[row], destination.GetSpan(size));
                destination.Advance(size);
            }
        }
    }

    public override ColumnStatistics ComputeStatistics(int firstRow, int rowCount)
    {
        var slots = CollectionsMarshal.AsSpan(values);
        long nullCount = 0, nanCount = 0;
        var anyOrderable = false;
        T min = T.Zero, max = T.Zero;
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (IsNull(row))
            {
                nullCount++;
                continue;
            }
            var value = slots[row];
            // NaN has no place in the order; the spec wants min/max of the non-NaN values plus a nan_count.
            if (T.IsNaN(value))
            {
                nanCount++;
                continue;
            }
            if (!anyOrderable)
            {
                (min, max, anyOrderable) = (value, value, true);
            }
            else if (value < min)
            {
                min = value;
            }
            else if (value > max)
            {
                max = value;
            }
        }

        long? reportedNanCount = IsFloatingPoint ? nanCount : null;
        if (!anyOrderable)
        {
            return new ColumnStatistics(nullCount, reportedNanCount, null, null);
        }
        // -0.0 == +0.0, so the loop keeps whichever zero came first; the spec asks for -0.0 as a zero min and
        // +0.0 as a zero max so that the bounds cover both zeros. (For integers -0 is 0.)
        if (T.IsZero(min))
        {
            min = -T.Zero;
        }
        if (T.IsZero(max))
        {
            max = T.Zero;
        }
        return new ColumnStatistics(nullCount, reportedNanCount, ToLittleEndian(min), ToLittleEndian(max));
    }

    protected virtual T Convert(object value) => (T)value;

    protected sealed override void AppendValue(object value) => values.Add(Convert(value));

    protected sealed override void AppendPlaceholder() => values.Add(T.Zero);

    private static byte[] ToLittleEndian(T value)
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        WriteLittleEndian(value, bytes);
        return bytes;
    }

    private static void WriteLittleEndian(T value, Span<byte> destination)
    {
        var bytes = destination[..Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        if (!BitConverter.IsLittleEndian)
        {
            bytes.Reverse();
        }
    }
}
