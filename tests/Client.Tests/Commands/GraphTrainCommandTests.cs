using System.Text.Json;
using Xunit;

namespace A2Q.Client.Tests.Commands;

public class GraphTrainCommandTests
{
    /// <summary>The shipped recipes shrunk to seconds: one narrow layer, large batches, one or two epochs.</summary>
    private const string TinyRecipes = """
        graphRecipes:
          - dataset: REDDIT-BINARY
            model: GIN
            method: A2Q
            epochs: 1
            batchSize: 256
            layers: 1
            hidden: 4
            schedule: {kind: Step, stepEpochs: 50, gamma: 0.5}
            nodeInput: StandardizedDegree
            quantization: {bits: 4, featureStepInit: {mean: 0.01, std: 0.1}, featureStepLearningRate: 0.02, bitLearningRate: 0.008, memoryPenalty: 0.001, memoryTargetKilobytes: 1}
            nearestNeighbor: {groups: 50, selection: AuthorsQmax}
        """ + "\n" + TinyGraphRecipes.ZincGcnFp32;

    private static string WriteRecipes()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("a2q-graph-recipes-").FullName, "tiny.yaml");
        File.WriteAllText(path, TinyRecipes);
        return path;
    }

    [Fact]
    public void ZincRunsOnTheStandardSplitAndReportMaeUnderEveryProtocol()
    {
        string recipes = WriteRecipes();
        var (exit, output, error) = ClientProcess.Run(
            "train", "--dataset", "ZINC", "--model", "GCN", "--method", "FP32", "--seeds", "2", "--recipe-file", recipes,
            "--threads", "2", "--json", "--data-dir", ClientProcess.DataDirectory);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal("mae", root.GetProperty("metric").GetString());
        Assert.Equal(2, root.GetProperty("runs").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("folds").ValueKind);
        var runs = root.GetProperty("perRun").EnumerateArray().ToList();
        Assert.Equal([0, 1], runs.Select(r => r.GetProperty("seed").GetInt32()));
        Assert.All(runs, r => Assert.InRange(r.GetProperty("bestTestEpoch").GetDouble(), 0.05, 5));
        double best = root.GetProperty("bestTestEpoch").GetProperty("mean").GetDouble();
        Assert.True(best <= root.GetProperty("minValLossEpoch").GetProperty("mean").GetDouble());
        Assert.Equal(32, root.GetProperty("averageBits").GetDouble());
        Assert.Contains("MAE, BestTestEpoch", output);
        Assert.Contains("run 1 (seed 1)", error);
    }

    [Fact]
    public void RedditBinaryRunsTheFirstFoldsWithFoldSeedsAndLearnedBits()
    {
        string recipes = WriteRecipes();
        var (exit, output, error) = ClientProcess.Run(
            "train", "--dataset", "REDDIT-BINARY", "--model", "GIN", "--method", "A2Q", "--folds", "2", "--first-seed", "5",
            "--recipe-file", recipes, "--json", "--data-dir", ClientProcess.DataDirectory);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal("accuracy", root.GetProperty("metric").GetString());
        Assert.Equal(2, root.GetProperty("folds").GetInt32());
        var folds = root.GetProperty("perRun").EnumerateArray().ToList();
        Assert.Equal([0, 1], folds.Select(f => f.GetProperty("fold").GetInt32()));
        Assert.Equal([5, 6], folds.Select(f => f.GetProperty("seed").GetInt32()));
        Assert.All(folds, f => Assert.InRange(f.GetProperty("bestTestEpoch").GetDouble(), 30, 100));
        Assert.InRange(root.GetProperty("averageBits").GetDouble(), 1, 6);
        Assert.Contains("lin2.fea_quant", output);
    }

    [Theory]
    [InlineData("ZINC", "--folds", "3", "ZINC has a standard split and no folds")]
    [InlineData("REDDIT-BINARY", "--folds", "11", "--folds must be between 1 and 10")]
    [InlineData("Cora", "--folds", "2", "--folds is for cross-validated graph-level datasets")]
    [InlineData("ZINC", "--export", "out", "graph-level runs have no export yet")]
    public void BadGraphLevelFlagsAreOneLineErrors(string dataset, string flag, string value, string expected)
    {
        string model = dataset == "REDDIT-BINARY" ? "GIN" : "GCN";
        var (exit, output, error) = ClientProcess.Run(
            "train", "--dataset", dataset, "--model", model, "--epochs", "1", flag, value, "--data-dir", ClientProcess.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(expected, line);
    }
}
