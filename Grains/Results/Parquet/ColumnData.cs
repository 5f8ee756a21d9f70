using System.Buffers;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// The values of one column, one slot per row. Null rows keep a placeholder slot so that every
/// operation is addressed by row number; only non-null values are encoded.
/// </summary>
internal abstract class ColumnData(ParquetColumn column)
{
    private readonly List<bool> isNull = [];

    public ParquetColumn Column { get; } = column;

    public int RowCount => isNull.Count;

    public bool IsNull(int row) => isNull[row];

    /// <summary>Why <paramref name="value"/> (not null) cannot be stored in this column, or null when it can.</summary>
    public abstract string? DescribeRejection(object value);

    /// <summary>Appends a value that <see cref="DescribeRejection"/> accepted, or null for a nullable column.</summary>
    public void Append(object? value)
    {
        isNull.Add(value is null);
        if (value is null)
        {
            AppendPlaceholder();
        }
        else
        {
            AppendValue(value);
        }
    }

    /// <summary>The PLAIN encoding of the non-null values among rows [firstRow, firstRow + rowCount).</summary>
    public abstract void WritePlain(int firstRow, int rowCount, IBufferWriter<byte> destination);

    public abstract ColumnStatistics ComputeStatistics(int firstRow, int rowCount);

    protected abstract void AppendValue(object value);

    protected abstract void AppendPlaceholder();

    protected long CountNulls(int firstRow, int rowCount)
    {
        var nulls = 0L;
        for (var row = firstRow; row < firstRow + rowCount; row++)
        {
            if (isNull[row])
            {
                nulls++;
            }
        }
        return nulls;
    }

    public static ColumnData Create(ParquetColumn column) => column.Type switch
    {
        ParquetType.Boolean => new BooleanColumnData(column),
        ParquetType.Int32 => new NumericColumnData<int>(column),
        ParquetType.Int64 => new NumericColumnData<long>(column),
        ParquetType.Float => new NumericColumnData<float>(column),
        ParquetType.Double => new NumericColumnData<double>(column),
        ParquetType.String => new StringColumnData(column),
        ParquetType.Timestamp => new TimestampColumnData(column),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown Parquet column type."),
    };
}
