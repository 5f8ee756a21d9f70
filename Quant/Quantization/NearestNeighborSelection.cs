namespace A2Q.Quant.Quantization;

/// <summary>
/// How a graph-level feature quantizer picks, for each row (node, or graph for a readout layer), one of its
/// m groups of (s, b) (paper §3.3; the authors' quantize_function/get_scale_index.py, paper/REPRODUCTION.md §6).
/// The two q_max rules take f_i = max_j |x_ij| and the group whose q_max is nearest, index_i = argmin_k (f_i − q_max,k)²,
/// the lowest k on ties; the in-degree rules need no feature values and are the paper's §5/A.4 "without NNS" baselines.
/// n = round(|b|) (half to even) throughout.
/// </summary>
public enum NearestNeighborSelection
{
    /// <summary>
    /// What every authors' script runs (get_scale_index_uniform): q_max,k = 2^(n_k−1)·|s_k|, one power of two above the
    /// largest level the group can represent (no −1, unlike Algorithm 1).
    /// </summary>
    AuthorsQmax,

    /// <summary>The paper's Algorithm 1, line 3: q_max,k = |s_k|·(2^(n_k−1) − 1), the largest representable value.</summary>
    Algorithm1,

    /// <summary>
    /// The authors' unused uniform=False path (get_scale_index): rows are bucketed by degree, degree ≥ 5 → groups
    /// [0, m/100), 2–4 → [m/100, m/10), &lt; 2 → [m/10, m) (0–9, 10–99, 100–999 for m = 1000), then the nearest
    /// q_max in the authors' form inside the bucket. Needs per-row degrees, supplied by the caller (the authors count
    /// edge_index[0], which on the undirected graph-level datasets equals the in-degree).
    /// </summary>
    InDegreeBuckets,

    /// <summary>
    /// The "without NNS" ablation (get_scale_index_naive; paper §5 overhead, A.4): group = min(degree, m − 1), no
    /// search at all. Needs per-row degrees.
    /// </summary>
    InDegreeDirect,
}
