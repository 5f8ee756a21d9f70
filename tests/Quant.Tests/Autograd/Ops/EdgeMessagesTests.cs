using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EdgeMessagesTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(1, 7)]
    [InlineData(2, 16)]
    public void GradientMatchesFiniteDifferences(int heads, int channels)
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        GradientCheck.Assert(
            v => Functional.EdgeMessages(edges, v[0], v[1]),
            GradientCheck.Random(edges.NonZeros, heads, 51),
            GradientCheck.Random(5, heads * channels, 52));
    }

    [Fact]
    public void EachRowIsItsEdgesWeightTimesTheSourceRow()
    {
        // Edges by target: 1 → 0, then 0 → 2 and 2 → 2; two heads of one channel each.
        var edges = new CsrPattern(3, 3, [0, 1, 1, 3], [1, 0, 2]);
        var weights = Tensor.FromRows(new float[,] { { 2f, 3f }, { 0.5f, -1f }, { 4f, 0f } });
        var z = Tensor.FromRows(new float[,] { { 1f, 2f }, { 3f, 5f }, { -1f, 7f } });
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var messages = Functional.EdgeMessages(edges, tape.Constant(weights), tape.Constant(z)).Value;
        Assert.Equal(new[] { 6f, 15f, 0.5f, -2f, -4f, 0f }, messages.ToArray());
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(2, 3)]
    public void SummedMessagesEqualTheFusedAggregation(int heads, int channels)
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        var alpha = GradientCheck.Random(edges.NonZeros, heads, 61);
        var z = GradientCheck.Random(5, heads * channels, 62);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var fused = Functional.EdgeAggregate(edges, tape.Constant(alpha), tape.Constant(z)).Value.ToArray();
        var split = Functional.EdgeSum(edges, Functional.EdgeMessages(edges, tape.Constant(alpha), tape.Constant(z))).Value.ToArray();
        Assert.Equal(fused, split, new FloatTolerance(1e-5f));
    }
}
