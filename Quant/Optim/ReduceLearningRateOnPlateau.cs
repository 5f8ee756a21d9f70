namespace A2Q.Quant.Optim;

/// <summary>
/// PyTorch's ReduceLROnPlateau in "min" mode with a relative threshold (ZINC: factor 0.5, patience 10,
/// threshold 1e-4, stepped with the validation MAE): a value counts as an improvement only when it is below
/// best·(1 − threshold); after more than <c>patience</c> epochs without one, every learning rate is multiplied
/// by the factor and the count restarts. No cooldown and no floor, as the authors' scripts leave them.
/// </summary>
public sealed class ReduceLearningRateOnPlateau : ILearningRateScheduler
{
    private double best = double.PositiveInfinity;
    private int badEpochs;

    public ReduceLearningRateOnPlateau(float factor, int patience, double threshold)
    {
        if (factor is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be in (0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
    }

    public float Factor { get; }

    public int Patience { get; }

    public double Threshold { get; }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(best);
        writer.Write(badEpochs);
    }

    public void ReadState(BinaryReader reader)
    {
        best = reader.ReadDouble();
        badEpochs = reader.ReadInt32();
    }

    public void Step(Adam optimizer, double monitored)
    {
        if (monitored < best * (1 - Threshold))
        {
            best = monitored;
            badEpochs = 0;
            return;
        }

        badEpochs++;
        if (badEpochs > Patience)
        {
            // PyTorch skips reductions smaller than eps = 1e-8; a scale this small has stopped training anyway.
            optimizer.LearningRateScale = Math.Max(optimizer.LearningRateScale * Factor, 1e-30f);
            badEpochs = 0;
        }
    }
}
