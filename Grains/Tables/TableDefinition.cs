namespace A2Q.Grains.Tables;

/// <summary>A paper table as data: its rows, their cells, the seeds per cell and the paper's figures.</summary>
public sealed record TableDefinition
{
    public int Id { get; init; }

    public string Title { get; init; } = "";

    /// <summary>The protocol the paper's figures use (BestTestEpoch for every A²Q table).</summary>
    public string Protocol { get; init; } = "BestTestEpoch";

    public int Seeds { get; init; } = 10;

    public List<TableRow> Rows { get; init; } = new();

    public string SweepName => $"table{Id}";
}
