namespace A2Q.Grains.Tables;

/// <summary>A dataset × model row of a paper table.</summary>
public sealed record TableRow
{
    public string Label { get; init; } = "";

    public string Dataset { get; init; } = "";

    public string Model { get; init; } = "";

    /// <summary>Overrides the table's seed count (ogbn-arxiv: 1 run).</summary>
    public int? Seeds { get; init; }

    /// <summary>
    /// Cross-validation folds of a dataset with no standard split (REDDIT-BINARY: 10). Each cell then runs one fold per
    /// replica, fold k with seed k, and a seed count picks the first folds.
    /// </summary>
    public int? Folds { get; init; }

    /// <summary>What the cells measure (default accuracy in %).</summary>
    public MetricKind Metric { get; init; } = MetricKind.Accuracy;

    /// <summary>Why this row cannot run in this build or on these machines, whatever data and recipes are present; null when it can.</summary>
    public string? Unavailable { get; init; }

    public List<TableCell> Cells { get; init; } = new();
}
