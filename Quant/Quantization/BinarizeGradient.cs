namespace A2Q.Quant.Quantization;

/// <summary>How gradients pass the sign function of a binarizer (Bi-GCN, Wang et al. 2021).</summary>
public enum BinarizeGradient
{
    /// <summary>
    /// Bi-GCN's node features: the straight-through estimator clipped to |x| ≤ 1, dX = dY·1{|x| ≤ 1}; the scale α
    /// passes no gradient.
    /// </summary>
    ClippedStraightThrough,

    /// <summary>
    /// Bi-GCN's weights (the XNOR-Net derivative of α·sign(w) with α = ‖w_g‖₁/n): dw = α·1{|w| ≤ 1}·dY + sign(w)·(Σ_g sign·dY)/n.
    /// </summary>
    WithScale,
}
