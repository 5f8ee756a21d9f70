namespace A2Q.Quant.Training;

/// <summary>What one node-classification run measured. Accuracies are fractions in [0, 1].</summary>
public sealed record NodeRunResult
{
    public required int Seed { get; init; }

    public required int Epochs { get; init; }

    /// <summary>Highest test accuracy over the epochs (the authors' protocol).</summary>
    public required double BestTestAccuracy { get; init; }

    public required int BestTestEpoch { get; init; }

    /// <summary>Test accuracy at the first epoch with the highest validation accuracy.</summary>
    public required double TestAccuracyAtBestValidation { get; init; }

    public required double BestValidationAccuracy { get; init; }

    public required int BestValidationEpoch { get; init; }

    public required double FinalTestAccuracy { get; init; }

    public required float FinalTrainingLoss { get; init; }

    /// <summary>Median over epochs of one training step (forward, loss, backward, optimiser step).</summary>
    public required double TrainMillisecondsMedian { get; init; }

    /// <summary>Median over epochs of the evaluation pass (eval-mode forward and accuracies).</summary>
    public required double EvalMillisecondsMedian { get; init; }

    /// <summary>Median over epochs of training step plus evaluation pass.</summary>
    public required double EpochMillisecondsMedian { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>Peak bytes held by the run's buffer pool (activations and gradients).</summary>
    public required long PeakActivationBytes { get; init; }

    /// <summary>A hash of every parameter's bits after training: equal hashes mean bit-identical models.</summary>
    public required ulong ParameterChecksum { get; init; }

    /// <summary>
    /// Average feature bits at the best-test epoch, counted as the authors count them (round(|b|) − 1 per
    /// node, mean per layer, mean over layers); 32 for full precision.
    /// </summary>
    public required double AverageBits { get; init; }

    /// <summary>The same count at the best-validation epoch (for the BestValEpoch protocol).</summary>
    public required double AverageBitsAtBestValidation { get; init; }

    /// <summary>Bits per stored feature value: each layer weighted by the width of the features it quantizes.</summary>
    public required double DimensionWeightedAverageBits { get; init; }

    /// <summary>Feature compression ratio of paper A.8 Eq. 19 at <see cref="AverageBits"/>; 1 for full precision.</summary>
    public required double CompressionRatio { get; init; }

    /// <summary>Per-layer learned bits and step sizes at the best-test epoch (empty for full precision).</summary>
    public required IReadOnlyList<Quantization.QuantizedLayerBits> LayerBits { get; init; }

    public double Accuracy(EvaluationProtocol protocol) =>
        protocol == EvaluationProtocol.BestTestEpoch ? BestTestAccuracy : TestAccuracyAtBestValidation;
}
