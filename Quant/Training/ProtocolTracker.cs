namespace A2Q.Quant.Training;

/// <summary>
/// Follows a graph-level run's epochs and remembers the test metric under each selection rule: the best test
/// epoch, the best validation metric, the lowest validation loss. The first epoch wins ties, as a strict
/// comparison in the authors' and DQ's loops does.
/// </summary>
internal sealed class ProtocolTracker(bool higherIsBetter)
{
    public double BestTest { get; private set; } = double.NaN;

    public int BestTestEpoch { get; private set; } = -1;

    public double TestAtBestValidation { get; private set; } = double.NaN;

    public int BestValidationEpoch { get; private set; } = -1;

    public double TestAtMinValidationLoss { get; private set; } = double.NaN;

    public int MinValidationLossEpoch { get; private set; } = -1;

    private double bestValidation = double.NaN;
    private double minValidationLoss = double.PositiveInfinity;

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(BestTest);
        writer.Write(BestTestEpoch);
        writer.Write(TestAtBestValidation);
        writer.Write(BestValidationEpoch);
        writer.Write(TestAtMinValidationLoss);
        writer.Write(MinValidationLossEpoch);
        writer.Write(bestValidation);
        writer.Write(minValidationLoss);
    }

    public void ReadState(BinaryReader reader)
    {
        BestTest = reader.ReadDouble();
        BestTestEpoch = reader.ReadInt32();
        TestAtBestValidation = reader.ReadDouble();
        BestValidationEpoch = reader.ReadInt32();
        TestAtMinValidationLoss = reader.ReadDouble();
        MinValidationLossEpoch = reader.ReadInt32();
        bestValidation = reader.ReadDouble();
        minValidationLoss = reader.ReadDouble();
    }

    /// <summary>Records one epoch; true when its test metric is the best so far.</summary>
    public bool Observe(int epoch, double validationMetric, double validationLoss, double testMetric)
    {
        if (BestValidationEpoch < 0 || Better(validationMetric, bestValidation))
        {
            bestValidation = validationMetric;
            BestValidationEpoch = epoch;
            TestAtBestValidation = testMetric;
        }

        if (MinValidationLossEpoch < 0 || validationLoss < minValidationLoss)
        {
            minValidationLoss = validationLoss;
            MinValidationLossEpoch = epoch;
            TestAtMinValidationLoss = testMetric;
        }

        if (BestTestEpoch < 0 || Better(testMetric, BestTest))
        {
            BestTest = testMetric;
            BestTestEpoch = epoch;
            return true;
        }

        return false;
    }

    private bool Better(double candidate, double incumbent) => higherIsBetter ? candidate > incumbent : candidate < incumbent;
}
