using A2Q.Quant.Quantization;

namespace A2Q.Quant.Training;

/// <summary>
/// Degree-Quant (Tailor et al. 2021) as recipe data: INT-b per-tensor quantization everywhere a tensor
/// flows, percentile ranges, gradient clipping, and the protective mask p ∈ (low, low + change] by in-degree.
/// Defaults are DQ's INT4 settings (runall_reddit_binary.sh: --int4 --gc_per --low 0.1 --change 0.1).
/// </summary>
public sealed record DegreeQuantRecipe
{
    public int Bits { get; init; } = 4;

    public float LowProbability { get; init; } = 0.1f;

    public float ChangeProbability { get; init; } = 0.1f;

    /// <summary>Range percentile: min/max are the 1st and 99th percentiles of each tensor (INT8: 0.001).</summary>
    public float Percentile { get; init; } = 0.01f;

    /// <summary>Zero the gradient of values at or beyond the clipped levels ("GC").</summary>
    public bool GradientClipping { get; init; } = true;

    /// <summary>Moving-average momentum for the ranges (DQ's STE-MOM baseline); null = running min/max.</summary>
    public float? Momentum { get; init; }

    /// <summary>
    /// Figure 5's "mixed-precision": node (and edge) tensors quantized at per-node bitwidths ranked by in-degree
    /// instead of <see cref="Bits"/>; weights and Â's values stay at <see cref="Bits"/>. Null: DQ-INT-b everywhere.
    /// </summary>
    public InDegreeBitAssignment? NodeBitsByInDegree { get; init; }

    /// <summary>The feature bits a run reports: <see cref="Bits"/>, or the mean of the per-node assignment.</summary>
    public double AverageFeatureBits(int[] inDegrees) => NodeBitsByInDegree?.AverageBits(inDegrees) ?? Bits;

    /// <summary>
    /// Quantize each edge's weighted message (GCN: Â_ij·z_j; GAT: α_ij·z_j) before the sum, as DQ's
    /// MessagePassingMultiQuant does in every layer. GIN's messages are the node features themselves and are
    /// quantized either way. False keeps the fused product without per-edge quantization, as every build before
    /// 2026-11-23 ran it (the committed GCN-ZINC DQ runs of Table 2 were measured so).
    /// </summary>
    public bool QuantizeMessages { get; init; } = true;

    /// <summary>
    /// Node-level models: draw a protective mask for each layer instead of one for the whole forward. DQ's released
    /// GIN shares one; its comment says the experiments other than REDDIT-BINARY used one per layer.
    /// </summary>
    public bool MaskPerLayer { get; init; }

    /// <summary>
    /// Node-level GCN and GAT: quantize the first layer's sparse input (after input dropout) as DQ's released
    /// GCNConvMultiQuant/GATConvMultiQuant quantize every layer's input. Off by default: the A²Q paper (A.6) leaves
    /// Cora's and CiteSeer's 0/1 first-layer input unquantized "as DQ". On 0/1 features it is exact unless input
    /// dropout rescales the kept entries: with under 1 % of the tensor kept its 99th percentile is 0, DQ's flat range
    /// has scale 1, and a kept 1/(1 − 0.6) = 2.5 rounds (half to even) to 2. On row-normalised features every value
    /// under 0.5 rounds to 0.
    /// </summary>
    public bool QuantizeFirstLayerInput { get; init; }

    /// <summary>An INT-b quantizer with this recipe's ranges and clipping; <paramref name="mask"/> protects rows that are nodes.</summary>
    /// <param name="edgeSources">for rows that are edges (empty until the layer supplies its pattern); see <see cref="DqQuantizer"/></param>
    public DqQuantizer Quantizer(string name, bool signed, ProtectiveMask? mask, int[]? edgeSources = null, int[]? nodeBits = null) =>
        new(name, Bits, signed, Percentile, GradientClipping, mask, edgeSources, Momentum, nodeBits);

    /// <summary>The per-edge message quantizer of a GCN or GAT layer, or null when <see cref="QuantizeMessages"/> is off.</summary>
    public DqQuantizer? MessageQuantizer(string name, ProtectiveMask? mask, int[]? nodeBits = null) =>
        QuantizeMessages ? Quantizer(name, signed: true, mask, edgeSources: [], nodeBits) : null;
}
