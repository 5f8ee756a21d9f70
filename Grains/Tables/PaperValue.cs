namespace A2Q.Grains.Tables;

/// <summary>
/// A published figure of one table cell (accuracy in %, or ZINC's MAE). Every field may be missing: Figure 5 prints
/// bars without numbers, so its cells carry none and show no difference.
/// </summary>
public sealed record PaperValue
{
    public double? Accuracy { get; init; }

    /// <summary>The regression loss of a <see cref="MetricKind.Mae"/> row (Tables 2 and 12: ZINC).</summary>
    public double? Mae { get; init; }

    public double? Std { get; init; }

    public double? AverageBits { get; init; }

    public double? CompressionRatio { get; init; }

    public double? Speedup { get; init; }

    /// <summary>The printed figure in the row's metric; <see cref="Std"/> is its spread.</summary>
    public double? Metric(MetricKind kind) => kind == MetricKind.Mae ? Mae : Accuracy;
}
