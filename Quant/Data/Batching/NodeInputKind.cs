namespace A2Q.Quant.Data.Batching;

/// <summary>What a graph-level model reads per node.</summary>
public enum NodeInputKind
{
    /// <summary>
    /// One column: the node's out-degree standardised by the mean and (unbiased) standard deviation over every
    /// node of the dataset. REDDIT-BINARY has no features and degrees above 1000, so the authors (and PyG's kernel
    /// benchmark, NormalizedDegree) use this instead of a one-hot degree (paper/REPRODUCTION.md §3).
    /// </summary>
    StandardizedDegree,

    /// <summary>The integer node type (ZINC's atom), looked up in an embedding by the model.</summary>
    NodeTypes,

    /// <summary>The stored features followed by the positions (superpixels: intensity ‖ (x, y)).</summary>
    FeaturesAndPositions,
}
