using A2Q.Quant.Quantization;

namespace A2Q.Quant.Training;

/// <summary>
/// The Nearest Neighbor Strategy of A²Q's graph-level feature quantizers (paper §3.3, Algorithm 1): how many
/// (step, bitwidth) groups each quantizer owns and how a node picks one.
/// </summary>
public sealed record NearestNeighborRecipe
{
    /// <summary>m, the groups per feature quantizer (the authors' --num_deg; Table 11 sweeps it).</summary>
    public int Groups { get; init; } = 1000;

    /// <summary>
    /// The authors' nearest q_max = 2^(n−1)·|s| (default), Algorithm 1's |s|·(2^(n−1) − 1), or the in-degree baselines
    /// of §5. The readout maps quantize graphs, which have no in-degree: they keep the authors' rule.
    /// </summary>
    public NearestNeighborSelection Selection { get; init; } = NearestNeighborSelection.AuthorsQmax;
}
