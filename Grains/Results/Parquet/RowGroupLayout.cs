namespace A2Q.Grains.Results.Parquet;

/// <summary>One written row group: its column chunks in schema order, its row count and its first byte.</summary>
internal sealed record RowGroupLayout(IReadOnlyList<ColumnChunkLayout> Columns, long RowCount, long FileOffset);
