using A2Q.Quant.Quantization;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// The A²Q GAT layer's extra quantizers (gat_nc_lsb.py): the transformed node features per node
/// (q_gat_fea), the attention vector per head (q_gat_attn; both halves share the head's step) and the
/// edge logits per head before LeakyReLU (q_gat_edge). All at fixed bitwidths. Degree-Quant fills the same
/// slots with its per-tensor quantizers.
/// </summary>
/// <param name="Output">quantizes the aggregated output before the bias (Degree-Quant), or none</param>
/// <param name="Messages">quantizes each edge's message α_ij·z_j before the sum, one row per edge (Degree-Quant), or none</param>
/// <param name="Update">quantizes the layer's output after the bias (Degree-Quant's update), or none</param>
public sealed record GatQuantizers(
    ITensorQuantizer Features, ITensorQuantizer Attention, ITensorQuantizer EdgeLogits, ITensorQuantizer? Output = null,
    ITensorQuantizer? Messages = null, ITensorQuantizer? Update = null);
