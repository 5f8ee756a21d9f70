using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Data.Batching;

public class GraphBatcherTests
{
    private static GraphDataset ThreeGraphs() => new(
        "three", GraphTask.Classification, 2,
        [
            new GraphSample(SyntheticGraphs.Path(3), GraphLabel.OfClass(0)),      // 0-1-2
            new GraphSample(SyntheticGraphs.Star(4), GraphLabel.OfClass(1)),      // 0 hub of 1, 2, 3
            new GraphSample(SyntheticGraphs.Undirected(2), GraphLabel.OfClass(0)), // two isolated nodes
        ]);

    [Fact]
    public void CollateOffsetsEdgesAndStacksNodesBlockDiagonally()
    {
        var dataset = ThreeGraphs();
        var batcher = new GraphBatcher(dataset, GraphNodeInputs.For(dataset, NodeInputKind.StandardizedDegree));

        var batch = batcher.Collate([2, 0, 1]);

        Assert.Equal([0, 2, 5, 9], batch.GraphPointers);
        Assert.Equal(9, batch.NodeCount);
        Assert.Equal([2, 0, 1], batch.Samples);
        Assert.Equal([0, 0, 1], batch.ClassLabels!);
        // Graph 0 (the path) sits at rows 2..4, graph 1 (the star) at rows 5..8: every edge stays inside its block.
        var edges = batch.Graph.Sources.Zip(batch.Graph.Targets).ToHashSet();
        Assert.Equal(4 + 6, edges.Count);
        Assert.Contains((2, 3), edges);
        Assert.Contains((4, 3), edges);
        Assert.Contains((5, 8), edges);
        Assert.Contains((8, 5), edges);
        Assert.All(edges, e => Assert.Equal(Block(batch.GraphPointers, e.First), Block(batch.GraphPointers, e.Second)));
        Assert.Equal([0, 0, 1, 2, 1, 3, 1, 1, 1], batch.InDegrees());
    }

    [Fact]
    public void StandardizedDegreeUsesTheDatasetMeanAndUnbiasedStd()
    {
        var dataset = ThreeGraphs();
        var inputs = GraphNodeInputs.For(dataset, NodeInputKind.StandardizedDegree);

        // Out-degrees over all 9 nodes: path 1 2 1, star 3 1 1 1, isolated 0 0; mean 10/9.
        double[] degrees = [1, 2, 1, 3, 1, 1, 1, 0, 0];
        double mean = degrees.Average();
        double std = Math.Sqrt(degrees.Sum(d => (d - mean) * (d - mean)) / 8);
        Assert.Equal(1, inputs.FeatureCount);
        Assert.Equal((float)((3 - mean) / std), inputs.Features![1][0], 6);
        Assert.Equal((float)((0 - mean) / std), inputs.Features[2][1], 6);

        var batch = new GraphBatcher(dataset, inputs).Collate([1, 2]);
        Assert.Equal(6, batch.Features!.Rows);
        Assert.Equal(inputs.Features[2][0], batch.Features[4, 0]);
    }

    [Fact]
    public void TypedInputsAreCopiedAndCountedAndMissingTypesFail()
    {
        var dataset = SyntheticGraphs.TypedPathsRegression(10);
        var inputs = GraphNodeInputs.For(dataset, NodeInputKind.NodeTypes, minimumTypes: 28);
        Assert.Equal(28, inputs.TypeCount);
        var batch = new GraphBatcher(dataset, inputs).Collate([3, 4]);
        Assert.Equal(dataset.Samples[3].NodeTypes!.Concat(dataset.Samples[4].NodeTypes!), batch.NodeTypes!);
        Assert.Equal([dataset.Samples[3].Label.Target, dataset.Samples[4].Label.Target], batch.Targets!);
        Assert.Null(batch.ClassLabels);

        var error = Assert.Throws<ArgumentException>(() => GraphNodeInputs.For(ThreeGraphs(), NodeInputKind.NodeTypes));
        Assert.Contains("graph 0 has no node types", error.Message);
    }

    [Fact]
    public void ChunksCoverTheIndexOnceWithAShorterLastBatchAndShuffleBySeed()
    {
        var index = Enumerable.Range(10, 25).ToArray();
        var plain = GraphBatcher.Chunks(index, 10, shuffle: null);
        Assert.Equal([10, 10, 5], plain.Select(c => c.Length));
        Assert.Equal(index, plain.SelectMany(c => c));

        var first = GraphBatcher.Chunks(index, 10, new SeededRandom(3)).SelectMany(c => c).ToArray();
        var again = GraphBatcher.Chunks(index, 10, new SeededRandom(3)).SelectMany(c => c).ToArray();
        var other = GraphBatcher.Chunks(index, 10, new SeededRandom(4)).SelectMany(c => c).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(index, first);
        Assert.Equal(index, first.Order());
    }

    [Fact]
    public void AGraphOutsideTheDatasetIsNamed()
    {
        var dataset = ThreeGraphs();
        var batcher = new GraphBatcher(dataset, GraphNodeInputs.For(dataset, NodeInputKind.StandardizedDegree));
        var error = Assert.Throws<ArgumentException>(() => batcher.Collate([0, 3]));
        Assert.Contains("graph 3 is outside [0, 3)", error.Message);
    }

    private static int Block(int[] pointers, int node) => Array.FindLastIndex(pointers, p => p <= node);
}
