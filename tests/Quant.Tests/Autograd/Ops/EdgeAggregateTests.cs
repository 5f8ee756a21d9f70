using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EdgeAggregateTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(1, 7)]
    [InlineData(2, 16)]
    public void GradientMatchesFiniteDifferences(int heads, int channels)
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        GradientCheck.Assert(
            v => Functional.EdgeAggregate(edges, v[0], v[1]),
            GradientCheck.Random(edges.NonZeros, heads, 41),
            GradientCheck.Random(5, heads * channels, 42));
    }
}
