using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EdgeSumTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        GradientCheck.Assert(v => Functional.EdgeSum(edges, v[0]), GradientCheck.Random(edges.NonZeros, 6, 71));
    }

    [Fact]
    public void EachNodeGetsTheSumOfItsIncomingRowsAndANodeWithoutEdgesGetsZero()
    {
        // Rows 0 and 1 go into node 0, row 2 into node 2; node 1 has no incoming edge.
        var edges = new CsrPattern(3, 3, [0, 2, 2, 3], [1, 2, 0]);
        var messages = Tensor.FromRows(new float[,] { { 1f, 2f }, { 10f, 20f }, { -3f, 0.5f } });
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        Assert.Equal(new[] { 11f, 22f, 0f, 0f, -3f, 0.5f }, Functional.EdgeSum(edges, tape.Constant(messages)).Value.ToArray());
        Assert.Throws<ArgumentException>(() => Functional.EdgeSum(edges, tape.Constant(new Tensor(2, 2))));
    }
}
