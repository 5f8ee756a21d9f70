using A2Q.Simulator.Export;
using Xunit;

namespace A2Q.Simulator.Tests.Export;

public sealed class ModelExportFormatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-export-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ModelDescription Sample() => new ModelDescription
    {
        Dataset = "Cora",
        Model = "GCN",
        Method = "A2Q",
        Seed = 3,
        Epoch = 120,
        TestAccuracy = 0.81,
        AverageBits = 1.5,
        InDegrees = [2, 0, 1],
        Edges = 3,
        InputFeatures = 5,
        BinaryInput = true,
        Layers =
        [
            new LayerDescription("conv1", 5, 4, 1, null, null),
            new LayerDescription("conv2", 4, 2, 1, [0, 1, 4], [0.5f, 0.25f, 0.125f]),
        ],
    };

    [Fact]
    public void RoundTripsAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(folder, "model.json");
        ModelExportFormat.Write(path, Sample());
        var read = ModelExportFormat.Read(path);
        Assert.Equal([2, 0, 1], read.InDegrees);
        Assert.Null(read.Layers[0].BitParameters);
        Assert.Equal([0, 1, 4], read.Layers[1].BitParameters!);
        Assert.Equal([0.5f, 0.25f, 0.125f], read.Layers[1].StepSizes!);

        // Widths: a parameter of 0 is a sign bit, 1 is zero bits, 4 is three.
        Assert.Equal([1, 0, 3], read.Layers[1].NodeWidths!);
        Assert.True(read.BinaryInput);
        Assert.Equal(["model.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void OldFormatAsksForANewExport()
    {
        string path = Path.Combine(folder, "old.json");
        File.WriteAllText(path, """{"format": "a2q-model-export/1"}""");
        var error = Assert.Throws<FormatException>(() => ModelExportFormat.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("client train --export", error.Message);
    }

    [Fact]
    public void MissingFieldAndMismatchedShapesNameTheFileAndField()
    {
        string path = Path.Combine(folder, "bad.json");
        ModelExportFormat.Write(path, Sample());
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"outFeatures\":4,", string.Empty));
        var missing = Assert.Throws<FormatException>(() => ModelExportFormat.Read(path));
        Assert.Contains("layers[0].outFeatures", missing.Message);

        ModelExportFormat.Write(path, Sample() with { InDegrees = [1, 1] });
        var shape = Assert.Throws<FormatException>(() => ModelExportFormat.Read(path));
        Assert.Contains("conv2 has 3 bitwidths for 2 nodes", shape.Message);
    }

    [Fact]
    public void TruncatedFileIsNotJson()
    {
        string path = Path.Combine(folder, "cut.json");
        ModelExportFormat.Write(path, Sample());
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        var error = Assert.Throws<FormatException>(() => ModelExportFormat.Read(path));
        Assert.StartsWith($"{path}: not JSON", error.Message);
    }
}
