using A2Q.Quant.Quantization;

namespace A2Q.Quant.Training;

/// <summary>A step-size initialisation as recipe data: |N(mean, std)|, or U(0, 1) when uniform.</summary>
public sealed record StepSizeInitRecipe
{
    public float Mean { get; init; }

    public float Std { get; init; }

    public bool Uniform { get; init; }

    public StepSizeInit ToInit() => new(Mean, Std, Uniform);
}
