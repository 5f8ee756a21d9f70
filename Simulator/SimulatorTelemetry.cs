using System.Diagnostics;

namespace A2Q.Simulator;

/// <summary>
/// The simulator's traces (source "A2Q.Simulator"): one span per simulated inference, tagged with the workload and
/// its cycles, so a sweep's trace shows where each run's Speedup came from. Without a listener it costs a null check.
/// </summary>
public static class SimulatorTelemetry
{
    public const string Name = "A2Q.Simulator";

    internal static readonly ActivitySource Source = new(Name);
}
