using A2Q.Quant.Autograd;

namespace A2Q.Quant.Quantization;

/// <summary>
/// One feature quantizer's share of the memory M of Eq. 5, in KB: <see cref="Scale"/>·Σ_k |b_k| / 8 / 1024 over the
/// counted groups. Node-level quantizers count every node (<see cref="CountedGroups"/> null, scale = the hidden width
/// the authors use); a graph-level Nearest Neighbor quantizer counts only the groups some row used in this batch, with
/// scale = the width of the features it quantized (paper/REPRODUCTION.md §0.3), and only those groups get gradient.
/// </summary>
/// <param name="CountedGroups">distinct group indices; null counts every group</param>
public sealed record MemoryTerm(Variable BitWidths, float Scale, IReadOnlyList<int>? CountedGroups = null);
