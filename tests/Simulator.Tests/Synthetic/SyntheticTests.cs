using A2Q.Simulator.Hardware;
using A2Q.Simulator.Synthetic;
using Xunit;

namespace A2Q.Simulator.Tests.Synthetic;

public sealed class SyntheticTests
{
    [Fact]
    public void PowerLawGraphHasTheExactEdgeCountAHeavyTailAndDependsOnlyOnItsSeed()
    {
        var graph = PowerLawGraph.Generate(10_000, 50_000, 2.1, seed: 7);
        Assert.Equal(50_000, graph.Edges);
        Assert.Equal(50_000, graph.RowPointers[^1]);
        int[] degrees = graph.InDegrees();
        Assert.True(degrees.Max() > 50 * degrees.Average(), $"max {degrees.Max()}, mean {degrees.Average()}");
        Assert.All(graph.Sources, s => Assert.InRange(s, 0, 9_999));

        var again = PowerLawGraph.Generate(10_000, 50_000, 2.1, seed: 7);
        Assert.Equal(graph.Sources, again.Sources);
        Assert.NotEqual(graph.Sources, PowerLawGraph.Generate(10_000, 50_000, 2.1, seed: 8).Sources);
    }

    [Fact]
    public void BitAssignmentKeepsTheMeanAndGivesHighInDegreesMoreBits()
    {
        int[] degrees = PowerLawGraph.Generate(20_000, 100_000, 2.1, seed: 1).InDegrees();
        int[] order = Simulator.Workloads.ProcessingOrder.ByDescendingInDegree(degrees);
        int[] flat = SyntheticBitWidths.Assign(order, 2.5, spread: 0, seed: 3);
        Assert.InRange(flat.Average(), 2.45, 2.55);
        Assert.All(flat, b => Assert.InRange(b, 2, 3));

        int[] spread = SyntheticBitWidths.Assign(order, 2.5, spread: 1.5, seed: 3);
        Assert.InRange(spread.Average(), 2.45, 2.55);
        double top = order.Take(1000).Average(n => spread[n]);
        double bottom = order.TakeLast(1000).Average(n => spread[n]);
        Assert.True(top > bottom + 2, $"top-degree mean {top}, bottom {bottom}");
    }

    [Fact]
    public void SweepSpeedupGrowsAsBitsFall()
    {
        var graph = PowerLawGraph.Generate(5_000, 25_000, 2.1, seed: 2);
        var points = SpeedupSweep.Run(graph, 32, 16, 4, [2.0, 3.0, 4.0], [0.0], HardwareConfig.Paper, seed: 5).ToList();
        Assert.Equal(3, points.Count);
        Assert.True(points[0].Speedup > points[1].Speedup && points[1].Speedup > points[2].Speedup,
            string.Join(", ", points.Select(p => p.Speedup)));

        // At 4 bits everywhere the learned model is the baseline.
        Assert.Equal(1.0, points[2].Speedup, 6);
    }
}
