using A2Q.Simulator.Nns;
using Xunit;

namespace A2Q.Simulator.Tests.Nns;

public sealed class NnsOperationCountTests
{
    [Fact]
    public void EachStepCountsPerNodeEdgeOrGraph()
    {
        var shape = new GraphModelShape("tiny", "none",
        [
            new("lin", GraphStepKind.NodeLinear, 2, 3, NnsInput: true),
            new("sum", GraphStepKind.SumAggregation, 3, 3, NnsInput: false),
            new("norm", GraphStepKind.WeightedAggregation, 3, 3, NnsInput: false),
            new("pool", GraphStepKind.MeanPool, 3, 3, NnsInput: false),
            new("head", GraphStepKind.GraphLinear, 3, 1, NnsInput: true),
        ], 0, 0);

        var count = NnsOperationCount.Count(shape, nodes: 4, edges: 5, graphs: 2);

        // 2·2·3·4 + 3·5 + 2·3·5 + 3·4 + 2·3·1·2 = 48 + 15 + 30 + 12 + 12; NNS inputs: 2·4 nodes + 3·2 graphs.
        Assert.Equal(117, count.FixedPoint);
        Assert.Equal(14, count.FloatingPoint);
        Assert.Equal(14.0 / 131, count.FloatShare, 12);
    }

    [Fact]
    public void TheAuthorsModelsHaveTheirNnsQuantizersWhereTheScriptsPutThem()
    {
        // GIN-REDDIT-BINARY: layer 1's second map, both maps of layers 2–5, both readout maps.
        Assert.Equal(9, GraphModelShapes.GinRedditBinary.Steps.Count(s => s.NnsInput && s.Kind == GraphStepKind.NodeLinear));
        Assert.Equal(2, GraphModelShapes.GinRedditBinary.Steps.Count(s => s.NnsInput && s.Kind == GraphStepKind.GraphLinear));

        // GCN-ZINC: one per GCN layer (the embedding is not quantized) and both readout maps.
        Assert.Equal(4, GraphModelShapes.GcnZinc.Steps.Count(s => s.NnsInput && s.Kind == GraphStepKind.NodeLinear));
        Assert.Equal(4, GraphModelShapes.GcnZinc.Steps.Count(s => s.Kind == GraphStepKind.WeightedAggregation));
    }
}
