using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

/// <summary>
/// On Fixtures/superpixels (written by make_fixtures.py there, which re-enacts torch.save with the standard
/// library; the real MNIST_v2.pt / CIFAR10_v2.pt are not on this machine).
/// </summary>
public class GnnBenchmarkSuperpixelsTests
{
    private static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "superpixels");

    private static GraphDataset LoadTiny() => GnnBenchmarkSuperpixels.LoadFile(Path.Combine(FixtureDirectory, "TINY_v2.pt"), "TINY");

    [Fact]
    public void TheThreeListsBecomeTheStandardSplit()
    {
        var dataset = LoadTiny();

        Assert.Equal(4, dataset.Count);
        Assert.Equal(10, dataset.ClassCount);
        Assert.Equal([0, 1], dataset.StandardSplit!.TrainIndex);
        Assert.Equal([2], dataset.StandardSplit.ValidationIndex);
        Assert.Equal([3], dataset.StandardSplit.TestIndex);
        Assert.Equal([7, 3, 0, 9], dataset.ClassLabels());
    }

    [Fact]
    public void EdgesStayInStoredOrderWithTheirWeights()
    {
        var graph = LoadTiny().Samples[0];

        Assert.Equal(3, graph.NodeCount);
        Assert.Equal([0, 1, 2, 1], graph.Graph.Sources);
        Assert.Equal([1, 2, 0, 0], graph.Graph.Targets);
        Assert.Equal([0.9f, 0.8f, 0.7f, 0.6f], graph.EdgeWeights!);
    }

    [Fact]
    public void IntensityAndPositionAreSeparateColumns()
    {
        var graph = LoadTiny().Samples[0];

        Assert.Equal(1, graph.NodeFeatureCount);
        Assert.Equal([0.1f, 0.2f, 0.3f], graph.NodeFeatures!);
        Assert.Equal([0f, 0.5f, 0.5f, 0f, 1f, 1f], graph.NodePositions!);
        Assert.Null(graph.NodeTypes);
    }

    [Fact]
    public void StridedViewsAndSharedStoragesAreReadRowMajor()
    {
        var graph = LoadTiny().Samples[1];

        // edge_index is a transposed view ([[0, 1], [1, 0]] stored column-major); x and pos share one storage.
        Assert.Equal([0, 1], graph.Graph.Sources);
        Assert.Equal([1, 0], graph.Graph.Targets);
        Assert.Equal([0.25f, 0.75f], graph.NodeFeatures!);
        Assert.Equal([0.5f, 0.125f, 0.875f, 1f], graph.NodePositions!);
    }

    [Fact]
    public void EmptyGraphsAndDoubleColumnWeightsAreRead()
    {
        var dataset = LoadTiny();

        Assert.Equal(0, dataset.Samples[2].Graph.EdgeCount);
        Assert.Equal([0.1f, 0.2f], dataset.Samples[3].EdgeWeights!);
    }

    [Theory]
    [InlineData("label-out-of-range.pt", "graph 0 of split train: y is 12, outside the 10 classes")]
    [InlineData("edge-out-of-range.pt", "graph 0 of split train: edge 3 (3 -> 0) names a node outside the 3 nodes")]
    [InlineData("pos-wrong-shape.pt", "graph 0 of split train: pos has shape (3, 1), expected (nodes, 2)")]
    [InlineData("float-edge-index.pt", "wrong dtype: graph 0 of split train edge_index is a FloatStorage tensor, expected an integer tensor")]
    [InlineData("missing-storage.pt", "entry missing-storage/data.pkl names storage 1, but the archive has no entry missing-storage/data/1")]
    [InlineData("short-storage.pt", "entry short-storage/data/0 holds 8 bytes, but its persistent id announces 3 elements of FloatStorage (12 bytes)")]
    [InlineData("two-splits.pt", "expected a list of the three splits [train, val, test], found a list of 2")]
    public void BrokenContentIsNamed(string fileName, string problem)
    {
        string path = Path.Combine(FixtureDirectory, "broken", fileName);

        var error = Assert.Throws<DatasetFormatException>(() => GnnBenchmarkSuperpixels.LoadFile(path, "TINY"));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [InlineData("truncated.pt")]
    [InlineData("legacy.pt")]
    public void ATruncatedOrLegacyFileIsNotAZipArchive(string fileName)
    {
        string path = Path.Combine(FixtureDirectory, "broken", fileName);

        var error = Assert.Throws<DatasetFormatException>(() => GnnBenchmarkSuperpixels.LoadFile(path, "TINY"));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith("not a torch zip archive (truncated or corrupt, or saved in torch's pre-1.6 legacy format, which is not supported)", error.Problem);
    }

    [Fact]
    public void AMissingFileSaysWhereToGetIt()
    {
        using var scratch = new TemporaryDirectory();

        var error = Assert.Throws<DatasetFormatException>(() => GnnBenchmarkSuperpixels.Load(scratch.Path, "mnist"));

        Assert.Equal(Path.Combine(scratch.Path, "superpixels", "MNIST_v2.pt"), error.FilePath);
        Assert.StartsWith("the file is missing; download MNIST_v2.zip from https://data.pyg.org/datasets/benchmarking-gnns/", error.Problem);
    }

    [Fact]
    public void APlainPickleMayNotUsePersistentIdsOrTorchGlobals()
    {
        // The data.pkl of the fixture, read as if it were a Planetoid pickle.
        using var archive = System.IO.Compression.ZipFile.OpenRead(Path.Combine(FixtureDirectory, "TINY_v2.pt"));
        using var stream = archive.GetEntry("TINY_v2/data.pkl")!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);

        var error = Assert.Throws<DatasetFormatException>(() => A2Q.Quant.Data.Pickle.PickleReader.Read(buffer.ToArray(), "data.pkl"));

        Assert.StartsWith("data.pkl: unexpected global 'torch._utils._rebuild_tensor_v2' at byte 22", error.Message);
    }
}
