namespace A2Q.Simulator.Workloads;

/// <summary>The choices a simulation makes that the paper leaves open; each is an assumption the notes name.</summary>
public sealed record SimulationOptions
{
    /// <summary>Width of every feature under DQ-INT4, the baseline of the Speedup column.</summary>
    public int UniformBits { get; init; } = 4;

    /// <summary>
    /// Width, under the learned method, of a raw model input it leaves unquantized (the authors' GCN and GAT do
    /// not quantize the first layer's input). Null: <see cref="UniformBits"/>, the same width as the baseline, so
    /// the speedup measures only what the learned bits change. 1 reads 0/1 bag-of-words features exactly, which
    /// credits the learned model with a width nobody learned (the baseline stays at <see cref="UniformBits"/>).
    /// </summary>
    public int? RawInputBits { get; init; }

    /// <summary>
    /// Give a raw input the learned method leaves unquantized each node's width from the model's first learned
    /// layer instead of <see cref="RawInputBits"/>: the paper (§3.1) quantizes every layer's node features, the
    /// authors' code never learns first-layer widths for GCN and GAT, and this stands in for them.
    /// </summary>
    public bool RawInputPerNode { get; init; }

    /// <summary>Width of tensors the learned method quantizes with a fixed width (XW products, GAT features): the weights' 4.</summary>
    public int? FixedBits { get; init; }

    /// <summary>Width of the logits leaving the chip (dequantized floats).</summary>
    public int LogitBits { get; init; } = 32;

    /// <summary>Tile nodes in descending in-degree (A.7.5); false keeps node-id order, to see what the sort buys.</summary>
    public bool SortByInDegree { get; init; } = true;

    public static SimulationOptions Default { get; } = new();
}
