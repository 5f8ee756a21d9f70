namespace A2Q.Quant.Quantization;

/// <summary>
/// How a quantizer's step size and bitwidth learn (paper §3.2, Eq. 3/4 vs Eq. 7/8, and what the authors'
/// code does: paper/REPRODUCTION.md §0.2).
/// </summary>
public enum QuantizerGradient
{
    /// <summary>
    /// The task gradient (Eq. 3/4): ds_k = Σ dL/dx_q · ∂x_q/∂s over the elements of group k, likewise for b.
    /// Weight quantizers use it; for feature quantizers it is the "Global" ablation of Table 3.
    /// </summary>
    Task,

    /// <summary>
    /// The Local Gradient (Eq. 7/8) as the authors implement it: the task gradient is ignored and each group
    /// follows the sign of its own quantization error, averaged over the group:
    /// ds_k = mean_j sign(x_q − x)·∂x_q/∂s, db_k = mean_j sign(x_q − x)·∂x_q/∂b.
    /// Node-level feature quantizers and the X·W quantizer use it.
    /// </summary>
    LocalError,
}
