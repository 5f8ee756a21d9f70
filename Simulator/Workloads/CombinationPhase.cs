namespace A2Q.Simulator.Workloads;

/// <summary>
/// B = X·W (A.7.5): 256 consecutive rows of X and one column of W per step of the MAC array; the weights are
/// 4-bit and parallel, the features bit-serial, so node i's products take <see cref="NodeBits"/>[i] cycles.
/// </summary>
public sealed record CombinationPhase : Phase
{
    public CombinationPhase(string name, int[] nodeBits, int inFeatures, int outFeatures, int outputBits)
        : base(name, outputBits)
    {
        ArgumentNullException.ThrowIfNull(nodeBits);
        if (inFeatures <= 0 || outFeatures <= 0)
        {
            throw new ArgumentException($"phase {name}: feature dimensions must be positive, got {inFeatures}×{outFeatures}");
        }

        WorkloadChecks.Widths(name, nodeBits);
        NodeBits = nodeBits;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
    }

    /// <summary>Bit width of each node's input features (0 for a node whose features quantize to zero).</summary>
    public int[] NodeBits { get; }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public override int Rows => NodeBits.Length;
}
