using System.Collections;

namespace A2Q.Grains.Results.Parquet;

/// <summary>A flat (non-nested) Parquet schema: an ordered list of uniquely named columns.</summary>
public sealed class ParquetSchema : IReadOnlyList<ParquetColumn>
{
    private readonly ParquetColumn[] columns;

    public ParquetSchema(params IEnumerable<ParquetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = columns.ToArray();
        if (this.columns.Length == 0)
        {
            throw new ArgumentException("A Parquet schema needs at least one column.", nameof(columns));
        }

        // Case-insensitive because DuckDB, Spark and pandas users address columns case-insensitively,
        // so "Accuracy" and "accuracy" side by side would be renamed or rejected by the readers.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < this.columns.Length; index++)
        {
            var column = this.columns[index]
                ?? throw new ArgumentException($"Column {index} is null.", nameof(columns));
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new ArgumentException($"Column {index} has an empty name.", nameof(columns));
            }
            if (!Enum.IsDefined(column.Type))
            {
                throw new ArgumentException($"Column '{column.Name}' has an unknown type {(int)column.Type}.", nameof(columns));
            }
            if (!seen.Add(column.Name))
            {
                throw new ArgumentException(
                    $"Column name '{column.Name}' appears more than once (names are compared case-insensitively).",
                    nameof(columns));
            }
        }
    }

    public int Count => columns.Length;

    public ParquetColumn this[int index] => columns[index];

    /// <summary>The position of the column with this exact name, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(columns, column => column.Name == name);

    public IEnumerator<ParquetColumn> GetEnumerator() => ((IEnumerable<ParquetColumn>)columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
