namespace A2Q.Simulator.Hardware;

/// <summary>
/// Energy per operation at the 45 nm node, as the paper's Figure 21 gives it (Han et al. 2016; Sze et al. 2020),
/// and the off-chip cost of HBM 1.0 the paper uses for Figure 22 (7 pJ per bit, O'Connor 2014). Picojoules.
/// </summary>
public sealed record EnergyTable
{
    /// <summary>8-bit integer add: one step of a bit-serial multiply-accumulate (an m-bit × 4-bit product is m shifted adds,
    /// so Figure 21's 8-bit multiply, 0.2 pJ, is never charged).</summary>
    public double IntAddPicojoules { get; init; } = 0.03;

    public double FloatAddPicojoules { get; init; } = 0.9;

    /// <summary>32-bit float multiply: each dequantisation x_q·s (Eq. 2) and each step-size scaling.</summary>
    public double FloatMultiplyPicojoules { get; init; } = 3.7;

    /// <summary>
    /// One 32-bit access to a 32 KB SRAM. The paper sizes its 2 MB buffers with CACTI 7.0, which we do not
    /// have; we charge every on-chip buffer at this figure (an underestimate for the 2 MB buffers).
    /// </summary>
    public double SramPicojoulesPer32Bits { get; init; } = 5;

    /// <summary>HBM 1.0 at 7 pJ/bit (the paper uses it instead of Figure 21's 640 pJ DRAM row).</summary>
    public double DramPicojoulesPerBit { get; init; } = 7;

    public static EnergyTable Paper { get; } = new();
}
