using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tests.Data.Batching;
using Xunit;

namespace A2Q.Quant.Tests.Nn.Conv;

public class GraphInputWithoutSelfLoopsTests
{
    [Fact]
    public void NormalisesByTheGraphsOwnDegreesAndLeavesTheDiagonalOut()
    {
        // Path 0-1-2: degrees 1, 2, 1. Entry (i, j) = 1/√(d_i d_j): (0,1) = (1,0) = (2,1) = (1,2) = 1/√2.
        var adjacency = new GraphInput(SyntheticGraphs.Path(3)).GcnNormalizedWithoutSelfLoops;
        var dense = adjacency.ToDense();
        float r = 1f / MathF.Sqrt(2f);
        Assert.Equal([0f, r, 0f, r, 0f, r, 0f, r, 0f], dense.ToArray());

        // An isolated node has an empty row (no division by zero).
        var isolated = new GraphInput(SyntheticGraphs.Undirected(2)).GcnNormalizedWithoutSelfLoops;
        Assert.Equal(0, isolated.NonZeros);
    }
}
