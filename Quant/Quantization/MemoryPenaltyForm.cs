namespace A2Q.Quant.Quantization;

/// <summary>The shape of the memory penalty on feature bitwidths (paper Eq. 5 vs the authors' code).</summary>
public enum MemoryPenaltyForm
{
    /// <summary>
    /// The authors' form: λ·ReLU(M − M_target)², M = Σ_layers scale·Σ_i |b_i| / 8 / 1024 on the raw continuous b.
    /// One-sided: only memory above the target is penalised.
    /// </summary>
    OneSided,

    /// <summary>The paper's Eq. 5: λ·(M − M_target)², which also pushes memory up when it is below the target.</summary>
    Squared,
}
