using A2Q.Grains.Results.Parquet;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>A table we write and DuckDB must read back: its schema, its rows as added, and its file layout.</summary>
internal sealed record ConformanceCase(
    string Name, ParquetSchema Schema, IReadOnlyList<object?[]> Rows, int MaxRowsPerRowGroup, int MaxRowsPerPage)
{
    public ParquetTable ToTable()
    {
        var table = new ParquetTable(Schema);
        foreach (var row in Rows)
        {
            table.AddRow(row);
        }
        return table;
    }

    public ParquetWriteOptions Options(ParquetCompression compression) => new()
    {
        Compression = compression,
        MaxRowsPerRowGroup = MaxRowsPerRowGroup,
        MaxRowsPerPage = MaxRowsPerPage,
    };

    public string FileName(ParquetCompression compression) => $"{Name}.{compression.ToString().ToLowerInvariant()}.parquet";

    /// <summary>The [first, first + count) row ranges of the row groups the writer makes.</summary>
    public IEnumerable<(int FirstRow, int RowCount)> RowGroups()
    {
        for (var first = 0; first < Rows.Count; first += MaxRowsPerRowGroup)
        {
            yield return (first, Math.Min(MaxRowsPerRowGroup, Rows.Count - first));
        }
    }
}
