namespace A2Q.Quant.Quantization;

/// <summary>
/// How step sizes start: |N(mean, std)| (sampled, then made positive, as the authors' scripts do), or
/// U(0, 1) for their graph-level "uniform" initialisation.
/// </summary>
public sealed record StepSizeInit(float Mean, float Std, bool Uniform = false)
{
    public override string ToString() => Uniform ? "U(0,1)" : $"|N({Mean}, {Std})|";
}
