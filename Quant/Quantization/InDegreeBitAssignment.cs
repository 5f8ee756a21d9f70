namespace A2Q.Quant.Quantization;

/// <summary>
/// Bitwidths assigned by hand from the graph's topology (paper §5 "manual" and "mixed-precision", A.6.1): nodes
/// ranked by in-degree, the top <see cref="HighFraction"/> get <see cref="HighBits"/>, the others
/// <see cref="LowBits"/>. A.6.1's example: a 2.2-bit average is the top 20% at 3 bits and the rest at 2.
/// Nodes of equal in-degree keep their index order, so the split inside a tie is deterministic.
/// </summary>
public sealed record InDegreeBitAssignment
{
    public int HighBits { get; init; }

    public int LowBits { get; init; }

    /// <summary>Share of the nodes, highest in-degree first, that get <see cref="HighBits"/>; rounded to a whole node count.</summary>
    public double HighFraction { get; init; }

    /// <summary>The bitwidth of each node.</summary>
    public int[] Assign(int[] inDegrees)
    {
        Validate();
        int highCount = (int)Math.Round(HighFraction * inDegrees.Length, MidpointRounding.AwayFromZero);
        var ranked = Enumerable.Range(0, inDegrees.Length).OrderByDescending(i => inDegrees[i]).ThenBy(i => i).ToArray();
        var bits = new int[inDegrees.Length];
        for (int rank = 0; rank < ranked.Length; rank++)
        {
            bits[ranked[rank]] = rank < highCount ? HighBits : LowBits;
        }

        return bits;
    }

    /// <summary>Mean bits per node of <see cref="Assign"/>.</summary>
    public double AverageBits(int[] inDegrees) => inDegrees.Length == 0 ? double.NaN : Assign(inDegrees).Average();

    public void Validate()
    {
        if (HighFraction is < 0 or > 1 || double.IsNaN(HighFraction))
        {
            throw new ArgumentException($"bit assignment: highFraction = {HighFraction} must be in [0, 1]");
        }

        if (LowBits < 1 || HighBits < LowBits)
        {
            throw new ArgumentException($"bit assignment: need 1 ≤ lowBits ≤ highBits, got lowBits {LowBits}, highBits {HighBits}");
        }
    }
}
