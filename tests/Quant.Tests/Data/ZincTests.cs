using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class ZincTests
{
    private static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zinc");

    // --- the hand-written fixture: 4 molecules, split 2 / 1 / 1 by the index files -------------------------------

    [Fact]
    public void FixtureSplitFollowsTheIndexFileLengths()
    {
        var dataset = Zinc.LoadFiles(FixtureDirectory);

        Assert.Equal(GraphTask.Regression, dataset.Task);
        Assert.Equal(0, dataset.ClassCount);
        Assert.Equal(4, dataset.Count);
        Assert.Equal([0, 1], dataset.StandardSplit!.TrainIndex);
        Assert.Equal([2], dataset.StandardSplit.ValidationIndex);
        Assert.Equal([3], dataset.StandardSplit.TestIndex);
        Assert.Equal([0.5f, -1.25f, 3f, 0.1f], dataset.Samples.Select(s => s.Label.Target));
    }

    [Fact]
    public void AtomTypesAreIndexedByNodeIdNotByLineOrder()
    {
        var dataset = Zinc.LoadFiles(FixtureDirectory);

        Assert.Equal([0, 1, 2], dataset.Samples[0].NodeTypes!);
        Assert.Equal([5, 0], dataset.Samples[1].NodeTypes!);
        Assert.Equal([3], dataset.Samples[2].NodeTypes!);
    }

    [Fact]
    public void BondsBecomeBothDirectionsSortedWithTheirTypes()
    {
        var first = Zinc.LoadFiles(FixtureDirectory).Samples[0];

        // Lines "0 1 0 2" and "0 1 2 1": a double bond 1–0 and a single bond 1–2.
        Assert.Equal([0, 1, 1, 2], first.Graph.Sources);
        Assert.Equal([1, 0, 2, 1], first.Graph.Targets);
        Assert.Equal([2, 2, 1, 1], first.EdgeTypes!);
    }

    [Fact]
    public void AMoleculeWithoutBondsHasNoEdges()
    {
        var single = Zinc.LoadFiles(FixtureDirectory).Samples[2];

        Assert.Equal(1, single.NodeCount);
        Assert.Equal(0, single.Graph.EdgeCount);
        Assert.Equal([], single.EdgeTypes!);
    }

    // --- broken inputs name the file and the line -----------------------------------------------------------------

    [Theory]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 2 2\n1 0 5\n1 1 0\n2 0 3\n3 1 0\n3 0", "line 8: expected 3 values (graph id, node id, atom type), found 2: '3 0'")]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 2 2\n1 0 5\n1 1 0\n2 0 3\n3 1 0\n3 0 x", "line 8: the atom type of node 0 of graph 3 is 'x', expected an integer")]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 2 28\n1 0 5\n1 1 0\n2 0 3\n3 1 0\n3 0 0", "line 3: atom type 28 of node 2 of graph 0 is outside the 28 types of the atom dictionary")]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 1 2\n1 0 5\n1 1 0\n2 0 3\n3 1 0\n3 0 0", "line 3: node 1 of graph 0 was already listed on line 1")]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 2 2\n1 0 5\n1 1 0\n2 0 3\n3 1 0\n4 0 0", "line 8: graph id 4 is outside the 4 graphs of ZINC_Labels.txt")]
    [InlineData(Zinc.NodesFileName, "0 1 1\n0 0 0\n0 2 2\n1 0 5\n1 1 0\n2 0 3\n3 1 0", "graph 3 has 1 nodes but a node id 1 (line 7); node ids must be 0..n−1")]
    [InlineData(Zinc.EdgesFileName, "0 1 0 2\n0 1 2 1\n1 0 1 3\n3 0 2 1", "line 4: bond 0–2 of graph 3 names a node outside the graph's 2 nodes")]
    [InlineData(Zinc.EdgesFileName, "0 1 0 2\n0 0 1 1\n1 0 1 3\n3 0 1 1", "line 2: bond 0–1 of graph 0 was already listed on line 1")]
    [InlineData(Zinc.EdgesFileName, "0 1 0 2\n0 1 2 4\n1 0 1 3\n3 0 1 1", "line 2: bond type 4 of 1–2 in graph 0 is not 1 (single), 2 (double) or 3 (triple)")]
    [InlineData(Zinc.EdgesFileName, "0 1 0 2\n0 1 2 1\n1 1 1 3\n3 0 1 1", "line 3: bond 1–1 of graph 1 is a self loop")]
    [InlineData(Zinc.LabelsFileName, "0 0.5\n1 -1.25\n3 3\n3 0.1\n", "line 3: graph id 3 where 2 was expected; labels must list graphs 0, 1, 2, … in order")]
    [InlineData(Zinc.LabelsFileName, "0 0.5\n1 -1.25\n2 nan\n3 0.1\n", "line 3: the target of graph 2 is 'nan', expected a finite number")]
    [InlineData("val.index", "9,\r\n", "line 1: index 1 is '', expected an integer")]
    public void ABrokenFileIsNamedWithTheLine(string fileName, string content, string problem)
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, fileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<DatasetFormatException>(() => Zinc.LoadFiles(scratch.Path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void IndexFilesThatDoNotCoverTheGraphsAreAnError()
    {
        using var scratch = CopyFixture();
        File.WriteAllText(Path.Combine(scratch.Path, "test.index"), "3,4\r\n");

        var error = Assert.Throws<DatasetFormatException>(() => Zinc.LoadFiles(scratch.Path));

        Assert.Equal("4 graphs, but the index files list 2 + 1 + 2 = 5", error.Problem);
    }

    [Fact]
    public void AnEmptyIndexFileIsTruncated()
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, "train.index");
        File.WriteAllText(path, string.Empty);

        var error = Assert.Throws<DatasetFormatException>(() => Zinc.LoadFiles(scratch.Path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("truncated: the file ends after line 0, but one line of comma-separated indices was expected", error.Problem);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var scratch = CopyFixture();
        string path = Path.Combine(scratch.Path, Zinc.EdgesFileName);
        File.Delete(path);

        var error = Assert.Throws<DatasetFormatException>(() => Zinc.LoadFiles(scratch.Path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith("the file is missing; copy the staged ZINC files", error.Problem);
    }

    // --- the staged files (A2Q_DATA_DIR) ----------------------------------------------------------------------------

    [Fact]
    public void RealSubsetHasTheBenchmarkSplitAndProvenanceCounts()
    {
        string root = RealGraphData.RequireRoot("zinc/ZINC_Nodes.txt", "zinc/ZINC_Edges.txt", "zinc/ZINC_Labels.txt");

        var dataset = Zinc.Load(root);

        Assert.Equal(12_000, dataset.Count);
        Assert.Equal(10_000, dataset.StandardSplit!.TrainIndex.Length);
        Assert.Equal(1_000, dataset.StandardSplit.ValidationIndex.Length);
        Assert.Equal(1_000, dataset.StandardSplit.TestIndex.Length);

        // PROVENANCE.md: 298,985 bonds (222,129 single / 76,067 double / 789 triple), atom types 0–20 occur.
        Assert.Equal(2 * 298_985, dataset.TotalEdgeCount);
        var bondCounts = dataset.Samples.SelectMany(s => s.EdgeTypes!).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count() / 2);
        Assert.Equal(222_129, bondCounts[1]);
        Assert.Equal(76_067, bondCounts[2]);
        Assert.Equal(789, bondCounts[3]);
        Assert.Equal(Enumerable.Range(0, 21), dataset.Samples.SelectMany(s => s.NodeTypes!).Distinct().Order());
        Assert.All(dataset.Samples, s => Assert.True(s.Graph.IsSymmetric()));

        // Mean nodes per graph: train 23.166, val 23.083, test 23.117; directed edges 49.86 / 49.69 / 49.72.
        double MeanNodes(int[] index) => index.Average(g => dataset.Samples[g].NodeCount);
        double MeanEdges(int[] index) => index.Average(g => dataset.Samples[g].Graph.EdgeCount);
        Assert.Equal(23.166, MeanNodes(dataset.StandardSplit.TrainIndex), 3);
        Assert.Equal(23.083, MeanNodes(dataset.StandardSplit.ValidationIndex), 3);
        Assert.Equal(23.117, MeanNodes(dataset.StandardSplit.TestIndex), 3);
        Assert.Equal(2 * 24.928, MeanEdges(dataset.StandardSplit.TrainIndex), 2);
        Assert.Equal(2 * 24.846, MeanEdges(dataset.StandardSplit.ValidationIndex), 2);
        Assert.Equal(2 * 24.860, MeanEdges(dataset.StandardSplit.TestIndex), 2);

        Assert.Equal(0.8350355625152588f, dataset.Samples[0].Label.Target);
        Assert.Equal(-2.193549156188965f, dataset.Samples[1].Label.Target);
    }

    private static TemporaryDirectory CopyFixture()
    {
        var scratch = new TemporaryDirectory();
        foreach (string file in Directory.GetFiles(FixtureDirectory))
        {
            File.Copy(file, Path.Combine(scratch.Path, Path.GetFileName(file)));
        }

        return scratch;
    }
}
