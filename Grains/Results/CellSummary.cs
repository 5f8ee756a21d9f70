using A2Q.Grains.Tables;

namespace A2Q.Grains.Results;

/// <summary>
/// One table cell: our mean ± sample standard deviation over its finished runs under both protocols, the
/// paper's figure beside it, and how many runs are done of those planned.
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
    PaperValue Paper)
{
    /// <summary>Ours minus the paper's, in accuracy points (null until a run has finished).</summary>
    public double? Difference => AccuracyMean - Paper.Accuracy;
}
