using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

/// <summary>On the hand-written Fixtures/tu/TINY files (see the README.md there for what each line is).</summary>
public class TuDatasetTests
{
    private static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Fact]
    public void GraphsAreTheIndicatorBlocksWithRankedLabels()
    {
        var dataset = TuDataset.Load(FixtureRoot, "TINY");

        Assert.Equal("TINY", dataset.Name);
        Assert.Equal(2, dataset.ClassCount);
        Assert.Equal([0, 1, 0], dataset.ClassLabels());
        Assert.Equal([3, 2, 1], dataset.Samples.Select(s => s.NodeCount));
    }

    [Fact]
    public void EdgesAreLocalCoalescedAndWithoutSelfLoops()
    {
        var dataset = TuDataset.Load(FixtureRoot, "TINY");

        Assert.Equal([0, 1, 1, 2], dataset.Samples[0].Graph.Sources);
        Assert.Equal([1, 0, 2, 1], dataset.Samples[0].Graph.Targets);
        Assert.Equal([0, 1], dataset.Samples[1].Graph.Sources);
        Assert.Equal([1, 0], dataset.Samples[1].Graph.Targets);
        Assert.Equal(0, dataset.Samples[2].Graph.EdgeCount);
    }

    [Fact]
    public void NodeLabelsBecomeTypesFromZero()
    {
        var dataset = TuDataset.Load(FixtureRoot, "TINY");

        Assert.Equal([0, 1, 0], dataset.Samples[0].NodeTypes!);
        Assert.Equal([2, 0], dataset.Samples[1].NodeTypes!);
        Assert.Equal([1], dataset.Samples[2].NodeTypes!);
    }

    [Fact]
    public void NodeLabelsAreOptional()
    {
        using var scratch = CopyFixture();
        File.Delete(Path.Combine(scratch.Path, "TINY_node_labels.txt"));

        var dataset = TuDataset.LoadFiles(scratch.Path, "TINY");

        Assert.All(dataset.Samples, s => Assert.Null(s.NodeTypes));
    }

    [Fact]
    public void GraphsWithoutNodesAtTheEndAreEmpty()
    {
        using var scratch = CopyFixture();
        File.AppendAllText(Path.Combine(scratch.Path, "TINY_graph_labels.txt"), "1\n");

        var dataset = TuDataset.LoadFiles(scratch.Path, "TINY");

        Assert.Equal([3, 2, 1, 0], dataset.Samples.Select(s => s.NodeCount));
    }

    [Theory]
    [InlineData("TINY_A.txt", "1, 2\n2, 1\n2, 3\n3, 2\n2, 1\n3, 3\n5, 4\n4,", "line 8: the target node is '', expected an integer")]
    [InlineData("TINY_A.txt", "1, 2\n2, 1\n2, 3\n3, 2\n2, 1\n3, 3\n5, 4\n4", "line 8: expected 2 values (source, target), found 1: '4'")]
    [InlineData("TINY_A.txt", "1, 2\n2, 1\n2, 3\n3, 4\n", "line 4: edge 3, 4 joins graph 1 to graph 2")]
    [InlineData("TINY_A.txt", "1, 2\n0, 1\n", "line 2: edge 0, 1 names a node outside 1..6")]
    [InlineData("TINY_A.txt", "1, 2\n2, 7\n", "line 2: edge 2, 7 names a node outside 1..6")]
    [InlineData("TINY_graph_indicator.txt", "1\n1\n2\n1\n2\n3\n", "line 4: graph id 1 follows graph 2; nodes must be grouped by graph in increasing order")]
    [InlineData("TINY_graph_indicator.txt", "1\n1\n1\n2\n2\n4\n", "line 6: graph id 4 is outside the 3 graphs of the graph labels file")]
    [InlineData("TINY_graph_labels.txt", "-1\n1\n-1.5\n", "line 3: the graph label is '-1.5', expected an integer")]
    [InlineData("TINY_node_labels.txt", "1\n2\n1\n3, 4\n1\n2\n", "line 4: expected one node label, found 2 values: '3, 4' (multi-column labels are not supported)")]
    public void ABrokenFileIsNamedWithTheLine(string fileName, string content, string problem)
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, fileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<DatasetFormatException>(() => TuDataset.LoadFiles(scratch.Path, "TINY"));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void TruncatedNodeLabelsAreCounted()
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, "TINY_node_labels.txt");
        File.WriteAllText(path, "1\n2\n1\n");

        var error = Assert.Throws<DatasetFormatException>(() => TuDataset.LoadFiles(scratch.Path, "TINY"));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("3 node labels, but TINY_graph_indicator.txt has 6 nodes", error.Problem);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, "TINY_A.txt");
        File.Delete(path);

        var error = Assert.Throws<DatasetFormatException>(() => TuDataset.LoadFiles(scratch.Path, "TINY"));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith("the file is missing; copy the TU files of TINY", error.Problem);
    }

    private static TemporaryDirectory CopyFixture()
    {
        var scratch = new TemporaryDirectory();
        foreach (string file in Directory.GetFiles(Path.Combine(FixtureRoot, "tu", "TINY"), "TINY_*.txt"))
        {
            File.Copy(file, Path.Combine(scratch.Path, Path.GetFileName(file)));
        }

        return scratch;
    }
}
