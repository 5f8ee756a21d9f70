using A2Q.Quant.Training;
using A2Q.Simulator;
using A2Q.Simulator.Export;
using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;

namespace A2Q.Silo;

/// <summary>
/// The accelerator simulation every quantized run records (paper §4.1, A.7.5): the learned model's cycles and
/// energy beside DQ-INT4's on the same graph. A DQ run is its own baseline (speedup 1); full-precision runs
/// and models the simulator does not describe (SAGE, multi-layer GIN MLPs, per-node DQ widths) have none.
/// </summary>
public static class RunSimulation
{
    public static SpeedupEstimate? Estimate(NodeRecipe recipe, PreparedNodeData prepared, NodeRunResult run)
    {
        if (recipe.Quantization is null && recipe.DegreeQuant is null)
        {
            return null;
        }

        if (recipe.Model is not (Architecture.GCN or Architecture.GIN or Architecture.GAT) || recipe.GinMlpHidden.Length > 0)
        {
            return null;
        }

        // Figure 5's DQ "mixed-precision" gives nodes 3 or 5 bits by in-degree; its tensors are not described per
        // node in the run's result, so it gets no speedup rather than INT4's.
        if (recipe.DegreeQuant?.NodeBitsByInDegree is not null)
        {
            return null;
        }

        var model = ModelDescriptions.From(recipe, prepared, run);
        var options = SimulationOptions.Default;
        var uniform = AcceleratorSimulator.Run(ModelWorkloads.Uniform(model, options), HardwareConfig.Paper);
        return recipe.DegreeQuant is not null
            ? new SpeedupEstimate(uniform, uniform)
            : new SpeedupEstimate(AcceleratorSimulator.Run(ModelWorkloads.Learned(model, options), HardwareConfig.Paper), uniform);
    }
}
