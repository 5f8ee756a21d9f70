using A2Q.Simulator.Export;
using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;
using Xunit;

namespace A2Q.Simulator.Tests.Workloads;

public sealed class ModelWorkloadsTests
{
    // A 4-node graph: node 0 has in-degree 3, the others 1.
    private static ModelDescription Model(string architecture, int[]? secondLayerBits, int heads = 1) => new ModelDescription
    {
        Dataset = "tiny",
        Model = architecture,
        Method = "A2Q",
        InDegrees = [3, 1, 1, 1],
        InputFeatures = 8,
        Layers =
        [
            new LayerDescription("conv1", 8, 4 * heads, heads, null, null),
            new LayerDescription("conv2", 4 * heads, 2, 1, secondLayerBits, null),
        ],
    }.Validate("test");

    [Fact]
    public void GcnCombinesThenAggregatesWithSelfLoops()
    {
        var workload = ModelWorkloads.Learned(Model("GCN", [3, 3, 2, 2]), SimulationOptions.Default);
        Assert.Equal(["conv1.combine", "conv1.aggregate", "conv2.combine", "conv2.aggregate"], workload.Phases.Select(p => p.Name));
        var firstAggregate = Assert.IsType<AggregationPhase>(workload.Phases[1]);
        Assert.Equal([4, 2, 2, 2], firstAggregate.RowLengths);

        // The second layer's input carries the learned widths round(|b|) − 1; the unquantized input runs at 4.
        Assert.Equal([2, 2, 1, 1], Assert.IsType<CombinationPhase>(workload.Phases[2]).NodeBits);
        Assert.All(Assert.IsType<CombinationPhase>(workload.Phases[0]).NodeBits, b => Assert.Equal(4, b));
        Assert.Equal(0, workload.Order[0]);
    }

    [Fact]
    public void GinAggregatesThenCombinesAndGatComputesAttention()
    {
        var gin = ModelWorkloads.Learned(Model("GIN", [3, 3, 2, 2]), SimulationOptions.Default);
        Assert.Equal(["conv1.aggregate", "conv1.combine", "conv2.aggregate", "conv2.combine"], gin.Phases.Select(p => p.Name));
        Assert.Equal(8, Assert.IsType<AggregationPhase>(gin.Phases[0]).Columns);

        var gat = ModelWorkloads.Learned(Model("GAT", null, heads: 2), SimulationOptions.Default);
        Assert.Equal(6, gat.Phases.Count);
        var attention = Assert.IsType<CombinationPhase>(gat.Phases[1]);
        Assert.Equal((8, 2), (attention.InFeatures, attention.OutFeatures));

        // LeakyReLU, exp and divide per edge (6 + 4 self loops) and head (2).
        Assert.Equal(3 * 10 * 2, attention.ExtraFloatOperations);
    }

    [Fact]
    public void LearnedWidthsOfFourBitsMatchTheInt4BaselineExactly()
    {
        var model = Model("GCN", [5, 5, 5, 5]);
        var estimate = SpeedupEstimate.Of(model, HardwareConfig.Paper, SimulationOptions.Default);
        Assert.Equal(estimate.Uniform.Cycles, estimate.Learned.Cycles);
        Assert.Equal(1.0, estimate.Speedup);
    }

    [Fact]
    public void FewerLearnedBitsAreFasterAndARawOneBitInputFasterStill()
    {
        var model = Model("GCN", [2, 2, 2, 2]);
        var symmetric = SpeedupEstimate.Of(model, HardwareConfig.Paper, SimulationOptions.Default);
        var exactInput = SpeedupEstimate.Of(model, HardwareConfig.Paper, SimulationOptions.Default with { RawInputBits = 1 });
        Assert.True(symmetric.Speedup > 1, $"speedup {symmetric.Speedup}");
        Assert.True(exactInput.Speedup > symmetric.Speedup, $"{exactInput.Speedup} vs {symmetric.Speedup}");
    }

    [Fact]
    public void UnmodelledArchitectureIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelWorkloads.Learned(Model("SAGE", null), SimulationOptions.Default));
        Assert.Contains("SAGE", error.Message);
    }

    [Fact]
    public void PerNodeRawInputGathersEachRowAtItsWidestSource()
    {
        // Edges 1→0, 2→0, 3→1; learned widths (round(|b|) − 1) of 1, 3, 1, 2 stand in for the raw input's.
        var model = Model("GIN", [2, 4, 2, 3]) with { InDegrees = [2, 1, 0, 0], Sources = [1, 2, 3], Targets = [0, 0, 1] };
        var workload = ModelWorkloads.Learned(model.Validate("test"), SimulationOptions.Default with { RawInputPerNode = true });
        var aggregate = Assert.IsType<AggregationPhase>(workload.Phases[0]);

        // Row 0 gathers {0, 1, 2} → 3 bits; row 1 {1, 3} → 3; rows 2 and 3 only themselves → 1 and 2.
        Assert.Equal([3, 3, 1, 2], aggregate.RowOperandBits);
        Assert.Equal([3, 2, 1, 1], aggregate.RowLengths);

        var error = Assert.Throws<ArgumentException>(() =>
            ModelWorkloads.Learned(Model("GIN", [2, 4, 2, 3]), SimulationOptions.Default with { RawInputPerNode = true }));
        Assert.Contains("only in-degrees", error.Message);

        var mismatch = Assert.Throws<FormatException>(() => (model with { InDegrees = [1, 1, 1, 0] }).Validate("export.json"));
        Assert.Equal("export.json: node 0 has in-degree 1 but 2 incoming edges", mismatch.Message);
    }
}
