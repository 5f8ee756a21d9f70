using A2Q.Grains.Tables;

namespace A2Q.Grains.Results;

/// <summary>
/// One table cell: our mean ± sample standard deviation over its finished runs under each protocol, the
/// paper's figure beside it, and how many runs are done of those planned. The "accuracy" values are the row's
/// <see cref="Metric"/>: accuracy in %, or the MAE (lower is better). MinValLoss (Degree-Quant's protocol) exists
/// for graph-level cells only.
/// </summary>
public sealed record CellSummary(
    int Table,
    string Row,
    string Dataset,
    string Model,
    string Method,
    string Protocol,
    int Done,
    int Planned,
    int Failed,
    double? AccuracyMean,
    double? AccuracyStd,
    double? BestValAccuracyMean,
    double? BestValAccuracyStd,
    double? AverageBitsMean,
    double? CompressionRatioMean,
    double? SpeedupMean,
    PaperValue Paper,
    MetricKind Metric = MetricKind.Accuracy,
    double? MinValLossMean = null,
    double? MinValLossStd = null)
{
    public bool HigherIsBetter => Metric == MetricKind.Accuracy;

    /// <summary>The paper's figure in this cell's metric.</summary>
    public double? PaperMetric => Paper.Metric(Metric);

    /// <summary>Ours minus the paper's, in the metric's units (null until a run has finished); see <see cref="OursBetter"/> for its sense.</summary>
    public double? Difference => AccuracyMean - PaperMetric;

    /// <summary>Whether ours beats the paper's figure (ties count as not better); null without both.</summary>
    public bool? OursBetter => Difference is double d ? (HigherIsBetter ? d > 0 : d < 0) : null;
}
