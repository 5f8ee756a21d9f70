namespace A2Q.Quant.Training;

/// <summary>
/// One graph-level run (a cross-validation fold or one run on a standard split): the test metric under every
/// protocol, bits, timings. The metric is accuracy in [0, 1] for classification and the MAE for regression.
/// </summary>
public sealed record GraphRunResult
{
    public required int Seed { get; init; }

    /// <summary>The cross-validation fold, or null on a standard split.</summary>
    public required int? Fold { get; init; }

    public required int Epochs { get; init; }

    /// <summary>True for accuracy, false for an error such as the MAE.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>The best test metric over all epochs (the A²Q authors' protocol) and its first epoch.</summary>
    public required double BestTestMetric { get; init; }

    public required int BestTestEpoch { get; init; }

    /// <summary>Test metric at the first epoch with the best validation metric.</summary>
    public required double TestMetricAtBestValidation { get; init; }

    public required int BestValidationEpoch { get; init; }

    /// <summary>Test metric at the first epoch with the lowest validation loss (Degree-Quant's selection).</summary>
    public required double TestMetricAtMinValidationLoss { get; init; }

    public required int MinValidationLossEpoch { get; init; }

    public required double FinalTestMetric { get; init; }

    /// <summary>Mean training loss over the last epoch's batches.</summary>
    public required double FinalTrainingLoss { get; init; }

    /// <summary>
    /// Feature bits at the best-test epoch: A²Q's learned bits (per quantizer, the mean over the test pass's rows of
    /// round(|b|) − 1 of the group each row used; then the unweighted mean over quantizers), Degree-Quant's fixed
    /// width, or 32 for FP32.
    /// </summary>
    public required double AverageBits { get; init; }

    /// <summary>The same per quantizer (layer order), for A²Q runs; empty otherwise.</summary>
    public required IReadOnlyList<(string Quantizer, double Bits)> LayerBits { get; init; }

    public required double TrainMillisecondsMedian { get; init; }

    public required double EvalMillisecondsMedian { get; init; }

    public required double EpochMillisecondsMedian { get; init; }

    /// <summary>Training wall time over every attempt that contributed epochs (a resumed run counts its earlier part).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The epoch a checkpoint resumed this run at; 0 for a run trained in one go.</summary>
    public int ResumedAtEpoch { get; init; }

    public required long PeakActivationBytes { get; init; }

    public required ulong ParameterChecksum { get; init; }

    public double Metric(EvaluationProtocol protocol) => protocol switch
    {
        EvaluationProtocol.BestTestEpoch => BestTestMetric,
        EvaluationProtocol.BestValEpoch => TestMetricAtBestValidation,
        EvaluationProtocol.MinValidationLoss => TestMetricAtMinValidationLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };
}
