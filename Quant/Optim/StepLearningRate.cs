namespace A2Q.Quant.Optim;

/// <summary>
/// PyTorch's StepLR: after every <c>stepEpochs</c> epochs all learning rates are multiplied by γ
/// (REDDIT-BINARY: step 50, γ 0.5, for both A²Q and Degree-Quant).
/// </summary>
public sealed class StepLearningRate : ILearningRateScheduler
{
    private int epochs;

    public StepLearningRate(int stepEpochs, float gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepEpochs);
        if (gamma is <= 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in (0, 1]");
        }

        StepEpochs = stepEpochs;
        Gamma = gamma;
    }

    public int StepEpochs { get; }

    public float Gamma { get; }

    public void WriteState(BinaryWriter writer) => writer.Write(epochs);

    public void ReadState(BinaryReader reader) => epochs = reader.ReadInt32();

    public void Step(Adam optimizer, double monitored)
    {
        epochs++;
        optimizer.LearningRateScale = MathF.Pow(Gamma, epochs / StepEpochs);
    }
}
