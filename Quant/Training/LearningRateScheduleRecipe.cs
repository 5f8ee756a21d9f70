using A2Q.Quant.Optim;

namespace A2Q.Quant.Training;

/// <summary>A learning-rate schedule as recipe data; it acts on every parameter group, as the authors' schedulers do.</summary>
public sealed record LearningRateScheduleRecipe
{
    public LearningRateScheduleKind Kind { get; init; }

    /// <summary>Step: epochs between reductions.</summary>
    public int StepEpochs { get; init; } = 50;

    /// <summary>Step: the factor applied at each reduction.</summary>
    public float Gamma { get; init; } = 0.5f;

    /// <summary>Plateau: the factor applied at each reduction.</summary>
    public float Factor { get; init; } = 0.5f;

    /// <summary>Plateau: epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Plateau: relative improvement that counts (PyTorch's threshold, "rel" mode).</summary>
    public double Threshold { get; init; } = 1e-4;

    public ILearningRateScheduler? Create() => Kind switch
    {
        LearningRateScheduleKind.None => null,
        LearningRateScheduleKind.Step => new StepLearningRate(StepEpochs, Gamma),
        LearningRateScheduleKind.Plateau => new ReduceLearningRateOnPlateau(Factor, Patience, Threshold),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown schedule"),
    };
}
