namespace A2Q.Grains.Tables;

/// <summary>A dataset × model row of a paper table.</summary>
public sealed record TableRow
{
    public string Label { get; init; } = "";

    public string Dataset { get; init; } = "";

    public string Model { get; init; } = "";

    /// <summary>Overrides the table's seed count (ogbn-arxiv: 1 run).</summary>
    public int? Seeds { get; init; }

    public List<TableCell> Cells { get; init; } = new();
}
