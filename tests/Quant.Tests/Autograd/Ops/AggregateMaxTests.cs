using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class AggregateMaxTests
{
    [Fact]
    public void TakesTheLargestNeighbourValuePerColumn()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var edges = TestGraphs.SmallInput().Sum.Pattern;
        var x = tape.Constant(Tensor.FromRows(new float[,] { { 1, -5 }, { 2, -1 }, { 3, -2 }, { 0, 9 }, { -4, 4 } }));
        var y = Functional.AggregateMax(edges, x);

        // in-neighbours: 0 ← 1; 1 ← 0, 2; 2 ← 0, 1, 4; 3 ← 2; 4 ← 3
        Assert.Equal(new float[] { 2, -1, 3, -2, 2, 4, 3, -2, 0, 9 }, y.Value.ToArray());
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var edges = TestGraphs.SmallInput().Sum.Pattern;
        GradientCheck.Assert(v => Functional.AggregateMax(edges, v[0]), GradientCheck.Random(5, 4, 80, away: 0.1f));
    }
}
