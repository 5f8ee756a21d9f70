using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Nn.Conv;

public class GraphInputTests
{
    [Fact]
    public void GcnNormalizedIsOneOverRootOfBothDegreesCountedOnTheTargetWithTheSelfLoop()
    {
        // In-neighbours: 0 ← 1; 1 ← 0, 2; 2 ← 0, 1, 4; 3 ← 2; 4 ← 3. With the self loop d = [2, 3, 4, 2, 2].
        double s6 = Math.Sqrt(6), s8 = Math.Sqrt(8), s12 = Math.Sqrt(12);
        double[,] expected =
        {
            { 1 / 2.0, 1 / s6, 0, 0, 0 },
            { 1 / s6, 1 / 3.0, 1 / s12, 0, 0 },
            { 1 / s8, 1 / s12, 1 / 4.0, 0, 1 / s8 },
            { 0, 0, 1 / s8, 1 / 2.0, 0 },
            { 0, 0, 0, 1 / 2.0, 1 / 2.0 },
        };

        var normalized = TestGraphs.SmallInput().GcnNormalized;

        Assert.Equal(13, normalized.NonZeros);
        DenseGraphReference.AssertClose(expected, normalized.ToDense(), 1e-6, "GcnNormalized");
    }

    [Fact]
    public void SumHasTheIncomingEdgesWithUnitValuesAndNoSelfLoops()
    {
        float[,] expected =
        {
            { 0, 1, 0, 0, 0 },
            { 1, 0, 1, 0, 0 },
            { 1, 1, 0, 0, 1 },
            { 0, 0, 1, 0, 0 },
            { 0, 0, 0, 1, 0 },
        };

        var sum = TestGraphs.SmallInput().Sum;

        Assert.Equal(8, sum.NonZeros);
        Assert.All(sum.Values, v => Assert.Equal(1f, v));
        Assert.Equal(Flatten(expected), sum.ToDense().ToArray());
    }

    [Fact]
    public void MeanRowsSumToOne()
    {
        var mean = TestGraphs.SmallInput().Mean;
        var dense = mean.ToDense();

        for (int i = 0; i < dense.Rows; i++)
        {
            Assert.Equal(1.0, dense.Row(i).ToArray().Sum(v => (double)v), 6);
        }

        // Node 2 has three in-neighbours, each weighted 1/3.
        Assert.Equal([1f / 3, 1f / 3, 0f, 0f, 1f / 3], dense.Row(2).ToArray());
    }

    [Fact]
    public void MeanLeavesTheRowOfANodeWithoutInNeighboursEmpty()
    {
        // Node 3 has no edges at all; node 2 only receives.
        var graph = new GraphInput(Graph.Coalesce(4, [0, 1, 0], [1, 0, 2], removeSelfLoops: true));

        var mean = graph.Mean;

        Assert.Equal(0, mean.Pattern.RowLength(3));
        Assert.Equal([0f, 1f, 0f, 0f], mean.ToDense().Row(0).ToArray());
        Assert.Equal([1f, 0f, 0f, 0f], mean.ToDense().Row(2).ToArray());
    }

    [Fact]
    public void WithSelfLoopsHasExactlyOneSelfLoopPerNodeEvenWhereTheGraphHadOne()
    {
        // Nodes 0 and 1 already have self loops; node 2 has none.
        var graph = new GraphInput(Graph.Coalesce(3, [0, 0, 1, 2, 1], [0, 1, 2, 1, 1], removeSelfLoops: false));

        var pattern = graph.WithSelfLoops;

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1, pattern.RowColumns(i).ToArray().Count(j => j == i));
        }

        // Three edges between distinct nodes plus three self loops.
        Assert.Equal(6, pattern.NonZeros);
        Assert.Equal([0], pattern.RowColumns(0).ToArray());
        Assert.Equal([0, 1, 2], pattern.RowColumns(1).ToArray());
        Assert.Equal([1, 2], pattern.RowColumns(2).ToArray());
    }

    [Fact]
    public void GcnNormalizedCountsAnExistingSelfLoopOnce()
    {
        // Same graph: d = [1, 3, 2] with one self loop each, so Â[1, 1] = 1/3 and Â[0, 0] = 1.
        var graph = new GraphInput(Graph.Coalesce(3, [0, 0, 1, 2, 1], [0, 1, 2, 1, 1], removeSelfLoops: false));

        var dense = graph.GcnNormalized.ToDense();

        Assert.Equal(1f, dense[0, 0], 6);
        Assert.Equal(1f / 3, dense[1, 1], 6);
        Assert.Equal(1 / Math.Sqrt(3), dense[1, 0], 6);
        Assert.Equal(1 / Math.Sqrt(6), dense[2, 1], 6);
    }

    [Fact]
    public void OperatorsAreBuiltOnceAndKept()
    {
        var graph = TestGraphs.SmallInput();

        Assert.Same(graph.GcnNormalized, graph.GcnNormalized);
        Assert.Same(graph.Sum, graph.Sum);
        Assert.Same(graph.Mean, graph.Mean);
        Assert.Same(graph.WithSelfLoops, graph.WithSelfLoops);
    }

    private static float[] Flatten(float[,] values) => values.Cast<float>().ToArray();
}
