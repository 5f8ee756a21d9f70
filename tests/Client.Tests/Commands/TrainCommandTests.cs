using System.Text.Json;
using Xunit;

namespace A2Q.Client.Tests.Commands;

public class TrainCommandTests
{
    [Fact]
    public void JsonSummaryIsTheLastLineWithBothProtocols()
    {
        var (exit, output, error) = ClientProcess.Run(
            "train", "--dataset", "Cora", "--model", "GCN", "--method", "FP32", "--seeds", "2", "--epochs", "30",
            "--json", "--data-dir", ClientProcess.DataDirectory);

        Assert.True(exit == 0, error);
        string last = output.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal("Cora", root.GetProperty("dataset").GetString());
        Assert.Equal("GCN", root.GetProperty("model").GetString());
        Assert.Equal("FP32", root.GetProperty("method").GetString());
        Assert.Equal(2, root.GetProperty("seeds").GetInt32());
        double bestTest = root.GetProperty("accuracy").GetProperty("bestTestEpoch").GetProperty("mean").GetDouble();
        double bestVal = root.GetProperty("accuracy").GetProperty("bestValEpoch").GetProperty("mean").GetDouble();
        Assert.InRange(bestTest, 60, 100);
        Assert.InRange(bestVal, 30, bestTest);
        Assert.True(root.GetProperty("accuracy").GetProperty("bestTestEpoch").GetProperty("std").GetDouble() >= 0);
        Assert.Equal(32, root.GetProperty("averageBits").GetDouble());
        Assert.Equal(1.0, root.GetProperty("compressionRatio").GetDouble());
        Assert.True(root.GetProperty("msPerEpoch").GetDouble() > 0);
        Assert.True(root.GetProperty("peakMemoryMb").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("perSeed").GetArrayLength());
        Assert.Contains("BestTestEpoch", output);
        Assert.Contains("seed   1", error);
    }

    [Fact]
    public void A2qRunsReportBitsByInDegreeAndExportTheirModels()
    {
        string export = Directory.CreateTempSubdirectory("a2q-export-").FullName;
        try
        {
            var (exit, output, error) = ClientProcess.Run(
                "train", "--dataset", "Cora", "--model", "GCN", "--method", "A2Q", "--seeds", "1", "--epochs", "40",
                "--json", "--export", export, "--data-dir", ClientProcess.DataDirectory);
            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
            var root = json.RootElement;
            // Below the 3 bits every node starts at (about 10.5x): bits were learned.
            Assert.InRange(root.GetProperty("averageBits").GetDouble(), 0.5, 2.9);
            Assert.True(root.GetProperty("compressionRatio").GetDouble() > 11);
            var rows = root.GetProperty("bitsByInDegree").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            Assert.Equal(2708, rows.Sum(r => r.GetProperty("nodes").GetInt32()));
            Assert.All(rows, r => Assert.Equal("conv2.lin.fea_quant", r.GetProperty("layer").GetString()));

            string file = Assert.Single(Directory.GetFiles(export));
            Assert.EndsWith("Cora-GCN-A2Q-authors-seed0.json", file);
            using var model = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("a2q-model-export/2", model.RootElement.GetProperty("format").GetString());
            var layers = model.RootElement.GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(2, layers.Count);
            Assert.Equal(JsonValueKind.Null, layers[0].GetProperty("bits").ValueKind); // the authors leave the raw input unquantized
            Assert.Equal(2708, layers[1].GetProperty("bits").GetArrayLength());
            Assert.Equal(2708, model.RootElement.GetProperty("graph").GetProperty("inDegrees").GetArrayLength());

            // The simulator reads the export back and finds the speedup the run recorded.
            var simulated = ClientProcess.Run("simulate", "--model-export", file, "--json");
            Assert.True(simulated.ExitCode == 0, simulated.Error);
            using var simulation = JsonDocument.Parse(simulated.Output.TrimEnd().Split('\n')[^1]);
            double speedup = simulation.RootElement.GetProperty("speedup").GetDouble();
            Assert.Equal(root.GetProperty("speedup").GetDouble(), speedup, 3);
            Assert.Equal(4, simulation.RootElement.GetProperty("phases").GetArrayLength());
            Assert.True(simulation.RootElement.GetProperty("cycles").GetInt64() <= simulation.RootElement.GetProperty("uniformCycles").GetInt64());

            // Reading the 0/1 input at one bit credits the learned model with more.
            var exact = ClientProcess.Run("simulate", "--model-export", file, "--json", "--raw-input-bits", "1");
            using var exactJson = JsonDocument.Parse(exact.Output.TrimEnd().Split('\n')[^1]);
            Assert.True(exactJson.RootElement.GetProperty("speedup").GetDouble() > speedup);
        }
        finally
        {
            Directory.Delete(export, recursive: true);
        }
    }

    [Theory]
    [InlineData("--dataset", "Karate", "unknown Planetoid dataset 'Karate'")]
    [InlineData("--model", "MLP", "no recipe for dataset Cora, model MLP")]
    [InlineData("--seeds", "0", "--seeds must be at least 1")]
    [InlineData("--method", "INT3", "method INT3")]
    public void BadInputIsOneLineNamingTheProblem(string flag, string value, string expected)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--dataset"] = "Cora",
            ["--model"] = "GCN",
            ["--seeds"] = "1",
            ["--epochs"] = "1",
        };
        arguments[flag] = value;
        var argv = new List<string> { "train", "--data-dir", ClientProcess.DataDirectory };
        foreach (var (k, v) in arguments)
        {
            argv.Add(k);
            argv.Add(v);
        }

        var (exit, output, error) = ClientProcess.Run([.. argv]);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void MissingDataNamesTheFileAndHowToGetIt()
    {
        string empty = Directory.CreateTempSubdirectory("a2q-empty-").FullName;
        try
        {
            var (exit, _, error) = ClientProcess.Run("train", "--dataset", "CiteSeer", "--model", "GCN", "--data-dir", empty);
            Assert.Equal(2, exit);
            Assert.Contains("ind.citeseer.x", error);
            Assert.Contains("client data fetch CiteSeer", error);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void PubMedSaysItsFeatureFileIsMissing()
    {
        var (exit, _, error) = ClientProcess.Run("train", "--dataset", "PubMed", "--model", "GCN", "--data-dir", ClientProcess.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Contains("ind.pubmed.allx is missing", error);
    }

    [Fact]
    public void MissingRecipeFileIsNamed()
    {
        var (exit, _, error) = ClientProcess.Run("train", "--dataset", "Cora", "--model", "GCN", "--recipe-file", "/nonexistent/recipes.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/recipes.yaml", error);
    }
}
