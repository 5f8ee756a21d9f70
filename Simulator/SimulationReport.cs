namespace A2Q.Simulator;

/// <summary>One simulated inference pass: per-phase costs and their totals.</summary>
public sealed record SimulationReport(string Workload, IReadOnlyList<PhaseReport> Phases, double ClockHertz)
{
    public long Cycles => Phases.Sum(p => p.Cycles);

    public long StallCycles => Phases.Sum(p => p.StallCycles);

    public long DramBytes => Phases.Sum(p => p.DramReadBytes + p.DramWriteBytes);

    public EnergyBreakdown Energy => Phases.Aggregate(EnergyBreakdown.Zero, (sum, p) => sum.Plus(p.Energy));

    public double Seconds => Cycles / ClockHertz;
}
