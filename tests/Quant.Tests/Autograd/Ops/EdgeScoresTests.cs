using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EdgeScoresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void GradientMatchesFiniteDifferences(int heads)
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        GradientCheck.Assert(v => Functional.EdgeScores(edges, v[0], v[1]), GradientCheck.Random(5, heads, 37), GradientCheck.Random(5, heads, 38));
    }
}
