using A2Q.Simulator.Export;
using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;

namespace A2Q.Simulator;

/// <summary>The paper's Speedup column: DQ-INT4 cycles over the learned model's cycles on the same graph.</summary>
public sealed record SpeedupEstimate(SimulationReport Learned, SimulationReport Uniform)
{
    public double Speedup => (double)Uniform.Cycles / Learned.Cycles;

    public double EnergyRatio => Uniform.Energy.TotalPicojoules / Learned.Energy.TotalPicojoules;

    public static SpeedupEstimate Of(ModelDescription model, HardwareConfig hardware, SimulationOptions options) => new(
        AcceleratorSimulator.Run(ModelWorkloads.Learned(model, options), hardware),
        AcceleratorSimulator.Run(ModelWorkloads.Uniform(model, options), hardware));
}
