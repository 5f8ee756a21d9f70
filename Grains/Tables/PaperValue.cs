namespace A2Q.Grains.Tables;

/// <summary>
/// A published figure of one table cell (accuracy in %, or a loss). Every field may be missing: Figure 5 prints
/// bars without numbers, so its cells carry none and show no difference.
/// </summary>
public sealed record PaperValue
{
    public double? Accuracy { get; init; }

    public double? Std { get; init; }

    public double? AverageBits { get; init; }

    public double? CompressionRatio { get; init; }

    public double? Speedup { get; init; }
}
