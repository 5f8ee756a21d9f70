using System.Diagnostics;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Transforms;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class PlanetoidTests
{
    // --- the tiny fixture (see make_fixtures.py for what each node is) --------------------------------------

    [Fact]
    public void TinyHasAllxNodesThenTheTestRange()
    {
        var dataset = PlanetoidFixtures.LoadTiny();

        Assert.Equal("tiny", dataset.Name);
        Assert.Equal(10, dataset.NodeCount);
        Assert.Equal(5, dataset.FeatureCount);
        Assert.Equal(3, dataset.ClassCount);
    }

    [Fact]
    public void TinyTestRowsMoveToTheirTestIndexNodesAndTheGapNodeIsEmpty()
    {
        var features = PlanetoidFixtures.LoadTiny().Features;

        // test.index is 9, 6, 8: tx row 0 → node 9, row 1 → node 6, row 2 → node 8; node 7 is the gap.
        Assert.Equal([0, 2, 5, 6, 6, 8, 9, 10, 10, 13, 15], features.Pattern.RowPointers);
        Assert.Equal([0, 3, 1, 2, 4, 2, 0, 1, 4, 0, 2, 3, 4, 1, 3], features.Pattern.ColumnIndices);
        Assert.Equal([1f, 1f, 2f, 0.5f, 1.5f, 1f, 0.25f, 0.25f, 3f, 1f, 1f, 1f, 1f, 1f, 1f], features.Values);
    }

    [Fact]
    public void TinyLabelsAreTheOneHotArgmaxReorderedLikeTheFeatures()
    {
        var dataset = PlanetoidFixtures.LoadTiny();

        // ally = 0 1 2 1 0 2; ty = 2 1 0 for nodes 9 6 8; gap node 7 gets 0.
        Assert.Equal([0, 1, 2, 1, 0, 2, 1, 0, 0, 2], dataset.Labels);
    }

    [Fact]
    public void TinySplitIsTrainThenValidationThenSortedTestIndex()
    {
        var dataset = PlanetoidFixtures.LoadTiny();

        Assert.Equal([0, 1], dataset.TrainIndex);
        Assert.Equal([2, 3, 4], dataset.ValidationIndex);
        Assert.Equal([6, 8, 9], dataset.TestIndex);
    }

    [Fact]
    public void TinyGraphDropsTheSelfLoopAndTheDuplicateEdge()
    {
        var graph = PlanetoidFixtures.LoadTiny().Graph;

        Assert.Equal([0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 6, 8, 8, 9], graph.Sources);
        Assert.Equal([1, 2, 0, 3, 0, 1, 4, 3, 6, 5, 8, 6, 9, 8], graph.Targets);
        Assert.True(graph.IsSymmetric());
    }

    [Fact]
    public void TheTransformIsApplied()
    {
        var dataset = PlanetoidFixtures.LoadTiny();

        var normalized = new NormalizeFeatures().Forward(dataset);

        Assert.Equal(0.5f, normalized.Features.Values[2]); // node 1: 2 / 4
    }

    // --- names and files ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("cora", "Cora")]
    [InlineData("CITESEER", "CiteSeer")]
    [InlineData("PubMed", "PubMed")]
    public void NamesAreCaseInsensitive(string name, string canonical)
    {
        Assert.Equal(canonical, Planetoid.CanonicalName(name));
        Assert.Equal($"ind.{canonical.ToLowerInvariant()}.test.index", Planetoid.FileName(name, "test.index"));
    }

    [Fact]
    public void AnUnknownNameIsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => Planetoid.Load(PlanetoidFixtures.Directory, "tiny"));

        Assert.StartsWith("unknown Planetoid dataset 'tiny'; expected one of Cora, CiteSeer, PubMed", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamedWithItsFullPathAndTheFetchHint()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string allx = Path.Combine(scratch.Path, "ind.tiny.allx");
        File.Delete(allx);
        File.Delete(Path.Combine(scratch.Path, "ind.tiny.graph"));

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal(allx, error.FilePath);
        Assert.Equal(
            $"{allx}: the tiny file ind.tiny.allx is missing (so are ind.tiny.graph); regenerate them with make_fixtures.py, "
            + $"or copy the upstream ind.tiny.* files into {scratch.Path} by hand",
            error.Message);
    }

    [Fact]
    public void ATruncatedFileInADatasetIsNamed()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string tx = Path.Combine(scratch.Path, "ind.tiny.tx");
        File.WriteAllBytes(tx, File.ReadAllBytes(tx)[..100]);

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal(tx, error.FilePath);
        Assert.StartsWith($"{tx}: truncated: the file ends at byte 100 inside opcode ", error.Message);
    }

    [Fact]
    public void ATestIndexLineThatIsNoIntegerIsNamed()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string testIndex = Path.Combine(scratch.Path, "ind.tiny.test.index");
        File.WriteAllText(testIndex, "9\nsix\n8\n");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{testIndex}: line 2 is 'six', expected one non-negative integer", error.Message);
    }

    [Fact]
    public void ARepeatedTestIdIsNamed()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string testIndex = Path.Combine(scratch.Path, "ind.tiny.test.index");
        File.WriteAllText(testIndex, "9\n6\n9\n");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{testIndex}: test id 9 appears twice (lines 1 and 3)", error.Message);
    }

    [Fact]
    public void TestIdsThatDoNotStartAfterAllxAreRefused()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string testIndex = Path.Combine(scratch.Path, "ind.tiny.test.index");
        File.WriteAllText(testIndex, "9\n7\n8\n");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{testIndex}: the smallest test id is 7, expected 6 (the number of allx rows)", error.Message);
    }

    [Fact]
    public void ATestIndexWithTheWrongLengthIsAShapeMismatch()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string testIndex = Path.Combine(scratch.Path, "ind.tiny.test.index");
        File.WriteAllText(testIndex, "9\n6\n");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{testIndex}: shape mismatch: 2 ids, but tx rows has 3", error.Message);
    }

    [Fact]
    public void LabelFilesOfTheWrongTypeAreNamed()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string ty = Path.Combine(scratch.Path, "ind.tiny.ty");
        File.Copy(PlanetoidFixtures.SingleFile("labels-float64.pickle"), ty, overwrite: true);

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{ty}: wrong dtype: the label array is float64, expected an integer array (int32 or int64)", error.Message);
    }

    [Fact]
    public void AGraphNamingANodeBeyondTheDatasetIsNamed()
    {
        using var scratch = PlanetoidFixtures.CopyTiny();
        string graph = Path.Combine(scratch.Path, "ind.tiny.graph");
        File.Copy(PlanetoidFixtures.SingleFile("graph-node-out-of-range.pickle"), graph, overwrite: true);

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFixtures.LoadTiny(scratch.Path));

        Assert.Equal($"{graph}: edge 9 -> 12 names a node outside the 10 nodes", error.Message);
    }

    [Fact]
    public void AValidationSetRunningPastAllxIsRefused()
    {
        var error = Assert.Throws<DatasetFormatException>(() =>
            Planetoid.LoadFiles(PlanetoidFixtures.Directory, "tiny", "tiny", Planetoid.ValidationCount, "hint"));

        Assert.Equal(
            $"{PlanetoidFixtures.TinyFile("y")}: 2 training nodes plus 500 validation nodes run past the 6 rows of allx",
            error.Message);
    }

    // --- the real files (A2Q_DATA_DIR). Expected values were read from the upstream pickles with python3's
    // --- pickletools (standard library, no numpy), independently of this loader.

    [Fact]
    public void CoraHasThePyGCounts()
    {
        var cora = Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora");

        Assert.Equal("Cora", cora.Name);
        Assert.Equal(2708, cora.NodeCount);
        Assert.Equal(10556, cora.Graph.EdgeCount);
        Assert.Equal(1433, cora.FeatureCount);
        Assert.Equal(49216, cora.Features.NonZeros);
        Assert.Equal(7, cora.ClassCount);
    }

    [Fact]
    public void CoraHasThePublicSplit()
    {
        var cora = Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "cora");

        Assert.Equal(Enumerable.Range(0, 140), cora.TrainIndex);
        Assert.Equal(Enumerable.Range(140, 500), cora.ValidationIndex);
        Assert.Equal(Enumerable.Range(1708, 1000), cora.TestIndex);
    }

    [Fact]
    public void CoraSpotValuesMatchTheUpstreamFiles()
    {
        var cora = Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora");

        Assert.Equal(3, cora.Labels[0]);
        Assert.Equal([19, 81, 146, 315, 774, 877, 1194, 1247, 1274], cora.Features.Pattern.RowColumns(0).ToArray());
        Assert.All(cora.Features.Values, v => Assert.Equal(1f, v));

        // test.index starts with 2692: tx row 0 lands on node 2692.
        Assert.Equal(3, cora.Labels[2692]);
        Assert.Equal([311, 314, 353, 505, 510, 621, 1075, 1132, 1171, 1226], cora.Features.Pattern.RowColumns(2692)[..10].ToArray());
        Assert.Equal([4, 3, 0, 3, 6], cora.Labels[140..145]);
        Assert.Equal([351, 217, 418, 818, 426, 298, 180], Enumerable.Range(0, 7).Select(c => cora.Labels.Count(l => l == c)));
        Assert.Equal([633, 1862, 2582], NeighboursOf(cora.Graph, 0));
    }

    [Fact]
    public void CoraGraphIsSymmetricWithoutSelfLoopsAndRowsAreSorted()
    {
        var cora = Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora");

        Assert.True(cora.Graph.IsSymmetric());
        Assert.DoesNotContain(Enumerable.Range(0, cora.Graph.EdgeCount), e => cora.Graph.Sources[e] == cora.Graph.Targets[e]);
        AssertRowsSortedByColumn(cora.Features.Pattern);
    }

    [Fact]
    public void CoraLoadsWellUnderASecond()
    {
        string root = RealPlanetoidData.RequireDataset("Cora");
        Planetoid.Load(root, "Cora"); // JIT warm-up

        var stopwatch = Stopwatch.StartNew();
        Planetoid.Load(root, "Cora");

        Assert.InRange(stopwatch.ElapsedMilliseconds, 0, 500);
    }

    [Fact]
    public void CiteSeerHasThePyGCounts()
    {
        var citeSeer = Planetoid.Load(RealPlanetoidData.RequireDataset("CiteSeer"), "citeseer");

        Assert.Equal("CiteSeer", citeSeer.Name);
        Assert.Equal(3327, citeSeer.NodeCount);
        Assert.Equal(9104, citeSeer.Graph.EdgeCount);
        Assert.Equal(3703, citeSeer.FeatureCount);
        Assert.Equal(105165, citeSeer.Features.NonZeros);
        Assert.Equal(6, citeSeer.ClassCount);
        Assert.Equal(Enumerable.Range(0, 120), citeSeer.TrainIndex);
        Assert.Equal(Enumerable.Range(120, 500), citeSeer.ValidationIndex);
        Assert.Equal(1000, citeSeer.TestIndex.Length);
        Assert.True(citeSeer.Graph.IsSymmetric());
        AssertRowsSortedByColumn(citeSeer.Features.Pattern);
    }

    [Fact]
    public void CiteSeerSpotValuesMatchTheUpstreamFiles()
    {
        var citeSeer = Planetoid.Load(RealPlanetoidData.RequireDataset("CiteSeer"), "CiteSeer");

        Assert.Equal(3, citeSeer.Labels[0]);
        Assert.Equal(
            [184, 257, 362, 560, 565, 597, 600, 601, 637, 729, 805, 816, 942, 1116, 1435, 1545, 1623, 1635, 1846, 2085, 2338, 2343, 2565, 2604, 2696, 2741, 2918, 2970, 3502, 3548, 3647],
            citeSeer.Features.Pattern.RowColumns(0).ToArray());
        Assert.Equal(2, citeSeer.Labels[2488]); // test.index starts with 2488
        Assert.Equal([19, 21, 169, 170, 425, 459, 510, 511, 532, 729], citeSeer.Features.Pattern.RowColumns(2488)[..10].ToArray());
        Assert.Equal([264, 590, 668, 701, 596, 508], Enumerable.Range(0, 6).Select(c => citeSeer.Labels.Count(l => l == c)));
        Assert.Equal([628], NeighboursOf(citeSeer.Graph, 0));
    }

    [Fact]
    public void CiteSeerIsolatedTestRangeNodesAreEmptyLabelZeroAndInNoSplit()
    {
        var citeSeer = Planetoid.Load(RealPlanetoidData.RequireDataset("CiteSeer"), "CiteSeer");
        int[] gap = [2407, 2489, 2553, 2682, 2781, 2953, 3042, 3063, 3212, 3214, 3250, 3292, 3305, 3306, 3309];

        var inTestRangeButNotTest = Enumerable.Range(2312, 3327 - 2312).Except(citeSeer.TestIndex);

        Assert.Equal(gap, inTestRangeButNotTest);
        Assert.All(gap, node =>
        {
            Assert.Equal(0, citeSeer.Features.Pattern.RowLength(node));
            Assert.Equal(0, citeSeer.Labels[node]);
            Assert.DoesNotContain(node, citeSeer.TrainIndex.Concat(citeSeer.ValidationIndex));
        });
    }

    [Fact]
    public void PubMedFailsNamingTheMissingAllxAndTheFetchCommand()
    {
        string root = RealPlanetoidData.Root;
        foreach (string extension in Planetoid.FileExtensions.Where(e => e != "allx"))
        {
            RealPlanetoidData.RequireFile(Planetoid.FileName("PubMed", extension));
        }

        string allx = Path.Combine(root, "planetoid", "ind.pubmed.allx");
        Assert.False(File.Exists(allx), $"{allx} exists now; replace this test with PubMed's counts (19717 nodes, 88648 edges, 500 features, 3 classes)");

        var error = Assert.Throws<DatasetFormatException>(() => Planetoid.Load(root, "pubmed"));

        Assert.Equal(allx, error.FilePath);
        Assert.Equal(
            $"{allx}: the PubMed file ind.pubmed.allx is missing; run `client data fetch PubMed` to download the missing files, "
            + $"or copy the upstream ind.pubmed.* files into {Path.Combine(root, "planetoid")} by hand",
            error.Message);
    }

    private static int[] NeighboursOf(Graph graph, int node) =>
        Enumerable.Range(0, graph.EdgeCount).Where(e => graph.Sources[e] == node).Select(e => graph.Targets[e]).ToArray();

    private static void AssertRowsSortedByColumn(A2Q.Quant.Tensors.CsrPattern pattern)
    {
        for (int row = 0; row < pattern.Rows; row++)
        {
            var columns = pattern.RowColumns(row);
            for (int k = 1; k < columns.Length; k++)
            {
                Assert.True(columns[k - 1] < columns[k], $"row {row} is not strictly sorted by column");
            }
        }
    }
}
