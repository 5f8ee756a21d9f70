using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class GraphDatasetTests
{
    private static GraphSample Edge(GraphLabel label) => new(new Graph(2, [0, 1], [1, 0]), label);

    [Fact]
    public void ALabelOfTheWrongKindThrowsWhenRead()
    {
        Assert.Throws<InvalidOperationException>(() => GraphLabel.OfTarget(0.5f).ClassIndex);
        Assert.Throws<InvalidOperationException>(() => GraphLabel.OfClass(1).Target);
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphLabel.OfTarget(float.NaN));
    }

    [Fact]
    public void SamplesMustMatchTheTaskAndClassCount()
    {
        Assert.Throws<ArgumentException>(() => new GraphDataset("d", GraphTask.Regression, 0, [Edge(GraphLabel.OfClass(0))]));
        Assert.Throws<ArgumentException>(() => new GraphDataset("d", GraphTask.Classification, 2, [Edge(GraphLabel.OfClass(2))]));
    }

    [Fact]
    public void AGraphInTwoPartsOfTheSplitIsRejected()
    {
        GraphSample[] samples = [Edge(GraphLabel.OfTarget(1f)), Edge(GraphLabel.OfTarget(2f))];

        var error = Assert.Throws<ArgumentException>(() =>
            new GraphDataset("d", GraphTask.Regression, 0, samples, new GraphSplit([0], [1], [1])));

        Assert.Equal("graph 1 is in both the validation and the test part", error.Message);
    }

    [Fact]
    public void PerNodeAndPerEdgeArraysMustFitTheGraph()
    {
        var graph = new Graph(2, [0, 1], [1, 0]);

        Assert.Throws<ArgumentException>(() => new GraphSample(graph, GraphLabel.OfClass(0), nodeTypes: [1]));
        Assert.Throws<ArgumentException>(() => new GraphSample(graph, GraphLabel.OfClass(0), edgeWeights: [1f]));
        Assert.Throws<ArgumentException>(() => new GraphSample(graph, GraphLabel.OfClass(0), nodeFeatures: [1f, 2f, 3f], nodeFeatureCount: 2));
        Assert.Throws<ArgumentException>(() => new GraphSample(graph, GraphLabel.OfClass(0), nodePositions: [1f, 2f]));
    }
}
