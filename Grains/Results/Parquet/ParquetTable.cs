using System.Globalization;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Rows to be written as one Parquet file, checked against the schema as they are added, so that
/// <see cref="ParquetWriter"/> never meets a value it cannot encode.
/// </summary>
public sealed class ParquetTable
{
    private readonly ColumnData[] columns;

    public ParquetTable(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        columns = schema.Select(ColumnData.Create).ToArray();
    }

    public ParquetSchema Schema { get; }

    public int RowCount { get; private set; }

    internal IReadOnlyList<ColumnData> Columns => columns;

    /// <summary>
    /// Appends one row, one value per column in schema order (see <see cref="ParquetType"/> for the CLR type of each).
    /// Either the whole row is added or, on the first value that does not fit, nothing is and an
    /// <see cref="ArgumentException"/> names the row and the column.
    /// </summary>
    public void AddRow(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != columns.Length)
        {
            throw new ArgumentException(
                $"Row {RowCount} has {values.Length} values but the schema has {columns.Length} columns.",
                nameof(values));
        }

        for (var index = 0; index < columns.Length; index++)
        {
            var column = columns[index].Column;
            var value = values[index];
            var problem = value is null
                ? column.Nullable ? null : "null in a required (non-nullable) column"
                : columns[index].DescribeRejection(value);
            if (problem is not null)
            {
                throw new ArgumentException(
                    $"Row {RowCount}, column '{column.Name}' ({column.Type}{(column.Nullable ? ", nullable" : "")}): {problem}" +
                    (value is null ? "." : $" (value: {Describe(value)})."),
                    nameof(values));
            }
        }

        for (var index = 0; index < columns.Length; index++)
        {
            columns[index].Append(values[index]);
        }
        RowCount++;
    }

    private static string Describe(object value)
    {
        const int maxLength = 60;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name;
        if (text.Length > maxLength)
        {
            text = text[..maxLength] + "…";
        }
        return value is string ? $"\"{text}\"" : text;
    }
}
