namespace A2Q.Simulator.Synthetic;

/// <summary>One point of the synthetic speedup sweep: the widths asked for, the widths drawn, and what they bought.</summary>
public sealed record SweepPoint(
    double TargetAverageBits,
    double Spread,
    double AverageBits,
    long Cycles,
    long UnsortedCycles,
    long UniformCycles,
    double EnergyPicojoules,
    double UniformEnergyPicojoules)
{
    public double Speedup => (double)UniformCycles / Cycles;

    /// <summary>The speedup without the in-degree sort: what tiling nodes of similar degree together buys.</summary>
    public double UnsortedSpeedup => (double)UniformCycles / UnsortedCycles;

    public double EnergyRatio => UniformEnergyPicojoules / EnergyPicojoules;
}
