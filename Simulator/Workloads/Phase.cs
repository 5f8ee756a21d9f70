namespace A2Q.Simulator.Workloads;

/// <summary>
/// One matrix product the accelerator runs. Phases execute in order; the output of one is the input of the
/// next (the input and output buffers swap, A.7.5). Per-node arrays are indexed by node id.
/// </summary>
public abstract record Phase(string Name, int OutputBits)
{
    /// <summary>Rows (nodes) the phase produces.</summary>
    public abstract int Rows { get; }

    /// <summary>Float operations outside the MAC array (softmax of attention logits), charged for energy only.</summary>
    public long ExtraFloatOperations { get; init; }
}
