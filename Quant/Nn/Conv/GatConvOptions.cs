namespace A2Q.Quant.Nn.Conv;

/// <summary>Settings of one <see cref="GatConv"/> layer.</summary>
public sealed record GatConvOptions
{
    public int Heads { get; init; } = 1;

    /// <summary>Concatenate the heads (true) or average them (false).</summary>
    public bool Concat { get; init; } = true;

    public float NegativeSlope { get; init; } = 0.2f;

    /// <summary>Dropout on the attention coefficients α during training.</summary>
    public float AttentionDropout { get; init; }

    /// <summary>A bias inside the linear map as well as after aggregation (the A²Q authors' layer).</summary>
    public bool LinearBias { get; init; }

    /// <summary>
    /// Attend over a self loop per node as well as the graph's edges (PyG's default, the node-level models); false
    /// attends over the graph's own edges only, as the A²Q authors' graph-level GAT (a node without in-edges then
    /// aggregates nothing).
    /// </summary>
    public bool SelfLoops { get; init; } = true;

    /// <summary>Glorot bound of the attention vectors over H + 2C (A²Q's concatenated vector) instead of H + C (PyG).</summary>
    public bool AttentionGlorotOverConcatenated { get; init; }
}
