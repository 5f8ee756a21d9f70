using Xunit;

namespace A2Q.Client.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-simulate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SweepWritesAPlotReadyCsvAndNothingElse()
    {
        string csv = Path.Combine(folder, "sweep.csv");
        var (exit, output, error) = ClientProcess.Run("simulate", "--sweep", csv, "--nodes", "3000", "--edges", "15000");
        Assert.True(exit == 0, error);
        Assert.Contains("wrote 30 sweep points", output);
        string[] lines = File.ReadAllLines(csv);
        Assert.StartsWith("target_average_bits,spread,average_bits,cycles,", lines[0]);
        Assert.Equal(31, lines.Length);

        // At 4 bits with no spread the learned model is the INT4 baseline.
        string[] atFour = lines.Single(l => l.StartsWith("4,0,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(atFour[5], atFour[3]);
        Assert.Equal(["sweep.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Table6CountsTheGraphLevelTasksOnThisMachine()
    {
        var (exit, output, error) = ClientProcess.Run("simulate", "--table", "6", "--batch", "1", "--data-dir", ClientProcess.DataDirectory);
        Assert.True(exit == 0, error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Contains("batch of 1 graphs", lines[0]);

        // Paper columns are the paper's; our float share does not depend on the batch size.
        var zinc = lines.Single(l => l.TrimStart().StartsWith("GCN-ZINC", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("504.62", zinc[2]);
        Assert.InRange(double.Parse(zinc[5].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 0.1, 1.0);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("GIN-RE-IB", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "simulate" }, "give exactly one of --model-export FILE, --sweep FILE.csv or --table 6")]
    [InlineData(new[] { "simulate", "--table", "5" }, "--table 5: only Table 6 is a simulator table")]
    [InlineData(new[] { "simulate", "--model-export", "missing.json" }, "model export missing.json does not exist")]
    [InlineData(new[] { "simulate", "--sweep", "x.csv", "--exponent", "1" }, "--exponent must exceed 1, got 1")]
    public void BadInputIsOneLineNamingTheFlagOrFile(string[] arguments, string message)
    {
        var (exit, _, error) = ClientProcess.RunIn(folder, arguments);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {message}", error.Trim());
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void MalformedExportNamesTheFile()
    {
        string path = Path.Combine(folder, "model.json");
        File.WriteAllText(path, "{\"format\": \"a2q-model-export/2\", \"dataset\": ");
        var (exit, _, error) = ClientProcess.Run("simulate", "--model-export", path);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {path}: not JSON", error.Trim());
    }
}
