using System.Diagnostics;
using System.Text.Json;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Sqlite;
using Xunit;

namespace A2Q.Client.Tests.Commands;

/// <summary>
/// `client reproduce` end to end on the embedded store, in a folder of its own: the table is written as
/// Parquet (read back by DuckDB) and Markdown beside the paper's figures; a second run trains nothing and
/// writes the same table; bad input changes nothing in the store.
/// </summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-reproduce-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ReproducesATableRowResumesAndLeavesTheStoreAloneOnBadInput()
    {
        string[] arguments = ["reproduce", "--table", "1", "--rows", "GCN-Cora", "--seeds", "2", "--epochs", "20", "--data-dir", ClientProcess.DataDirectory];
        var (exit, output, error) = ClientProcess.RunIn(folder, arguments);
        Assert.True(exit == 0, error);
        Assert.Contains("table 1: 6 runs in 1 row, 3 cells; 6 new, 0 already", error);
        string markdownPath = Path.Combine(folder, "results", "table1.md");
        string markdown = File.ReadAllText(markdownPath);
        Assert.Equal(markdown, output);
        foreach (string method in new[] { "FP32", "DQ", "A2Q" })
        {
            Assert.Contains($"| GCN-Cora | {method} |", markdown);
        }

        Assert.Contains("80.90 ± 0.60", markdown); // the paper's A²Q cell beside ours
        Assert.Contains("2/2", markdown);

        // DuckDB reads exactly what the store holds.
        var stored = await StoredRunsAsync();
        Assert.Equal(6, stored.Count);
        var runs = ReadWithDuckDb(Path.Combine(folder, "results", "table=1", "runs.parquet"));
        Assert.Equal(6, runs.Count);
        foreach (var run in runs)
        {
            string key = run.GetProperty("key").GetString()!;
            var record = stored.Single(r => r.Key == key);
            using var result = JsonDocument.Parse(record.ResultJson!);
            double expected = result.RootElement.GetProperty("bestTestAccuracy").GetDouble() * 100;
            Assert.Equal(expected, double.Parse(run.GetProperty("accuracy_best_test_epoch").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("Succeeded", run.GetProperty("state").GetString());

            // The simulated accelerator: none for FP32, DQ-INT4 is its own baseline, A²Q's from its learned bits.
            var speedup = run.GetProperty("speedup");
            string method = run.GetProperty("method").GetString()!;
            if (method == "FP32")
            {
                Assert.Equal(JsonValueKind.Null, speedup.ValueKind);
            }
            else
            {
                double recorded = result.RootElement.GetProperty("speedup").GetDouble();
                Assert.Equal(recorded, double.Parse(speedup.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(method == "DQ" ? recorded == 1.0 : recorded > 0, $"{method} speedup {recorded}");
                Assert.True(long.Parse(run.GetProperty("int4_cycles").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
        }

        var cells = ReadWithDuckDb(Path.Combine(folder, "results", "table=1", "cells.parquet"));
        Assert.Equal(["FP32", "DQ", "A2Q"], cells.Select(c => c.GetProperty("method").GetString()));
        Assert.Equal("80.9", cells[2].GetProperty("paper_accuracy").GetString());
        Assert.Equal("1", cells[1].GetProperty("speedup_mean").GetString());
        Assert.Contains("| 1.00x / 1.00x |", markdown);
        Assert.Contains(" / 2.00x |", markdown);

        // Again: nothing trains, the same table comes out.
        var finishedBefore = stored.ToDictionary(r => r.Key, r => r.FinishedAt);
        var again = ClientProcess.RunIn(folder, arguments);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 new, 6 already", again.Error);
        Assert.Equal(markdown, again.Output);
        var storedAgain = await StoredRunsAsync();
        Assert.Equal(6, storedAgain.Count);
        Assert.All(storedAgain, r => Assert.Equal(finishedBefore[r.Key], r.FinishedAt));

        // Bad input: one line, non-zero, store untouched.
        foreach (var bad in new[]
        {
            new[] { "reproduce", "--table", "1", "--rows", "GCN-Karate", "--data-dir", ClientProcess.DataDirectory },
            new[] { "reproduce", "--table", "42", "--data-dir", ClientProcess.DataDirectory },
            new[] { "reproduce", "--table", "1", "--rows", "GAT-PubMed", "--data-dir", ClientProcess.DataDirectory },
            new[] { "reproduce", "--table", "1", "--rows", "GCN-Cora", "--seeds", "2", "--data-dir", Path.Combine(folder, "no-data") },
        })
        {
            var failed = ClientProcess.RunIn(folder, bad);
            Assert.Equal(2, failed.ExitCode);
            Assert.StartsWith("error: ", Assert.Single(failed.Error.TrimEnd().Split('\n')));
            Assert.Equal(6, (await StoredRunsAsync()).Count);
        }
    }

    /// <summary>The shipped graph-level FP32 recipes shrunk to seconds: one narrow layer, large batches, two epochs.</summary>
    private const string GraphRecipes = """
        graphRecipes:
          - dataset: REDDIT-BINARY
            model: GIN
            method: FP32
            epochs: 2
            batchSize: 256
            layers: 1
            hidden: 4
            schedule: {kind: Step, stepEpochs: 50, gamma: 0.5}
            nodeInput: StandardizedDegree
        """ + "\n" + TinyGraphRecipes.ZincGcnFp32;

    [Fact]
    public async Task ReproducesGraphLevelRowsAsFoldRunsAndMaeRunsAndResumes()
    {
        string recipes = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(recipes, GraphRecipes);
        string[] arguments = ["reproduce", "--table", "2", "--rows", "GCN-ZINC,GIN-REDDIT-BINARY", "--methods", "FP32", "--seeds", "2", "--recipe-file", recipes, "--data-dir", ClientProcess.DataDirectory];

        // A run another command left waiting in the same store, first in line: this command's silos must leave it.
        const string foreign = "table2/ZINC/GCN/A2Q/seed=0";
        Directory.CreateDirectory(Path.Combine(folder, ".a2q"));
        await using (var store = new SqliteRunStore(new SqliteRunStoreOptions { Path = Path.Combine(folder, ".a2q", "runs.db") }))
        {
            await store.InitializeAsync(default);
            await store.EnqueueAsync("table2", [new RunSpec { Key = foreign, Dataset = "ZINC", Model = "GCN", Method = "A2Q", Seed = 0, Row = "GCN-ZINC", CodeVersion = "test" }], null, default);
        }

        var (exit, output, error) = ClientProcess.RunIn(folder, arguments);
        Assert.True(exit == 0, error);
        Assert.Contains("table 2: 4 runs in 2 rows, 2 cells; 4 new, 0 already", error);
        string markdown = File.ReadAllText(Path.Combine(folder, "results", "table2.md"));
        Assert.Equal(markdown, output);
        Assert.Contains("| ours | [BestValEpoch] | [MinValLoss] | paper |", markdown);
        string zincLine = markdown.Split('\n').Single(l => l.StartsWith("| GCN-ZINC | FP32 |", StringComparison.Ordinal));
        Assert.Contains("| 0.450 ± 0.008 |", zincLine);
        Assert.Matches(@"\| [+−]\d\.\d{3} \((better|worse)\) \|", zincLine);
        Assert.Contains("| GIN-REDDIT-BINARY | FP32 |", markdown);
        Assert.Contains("| 92.20 ± 2.30 |", markdown);

        // One run per fold on REDDIT-BINARY (fold k, seed k), seeds on ZINC's standard split.
        var stored = (await StoredRunsAsync()).Where(r => r.Key != foreign).ToList();
        var waiting = (await StoredRunsAsync()).Single(r => r.Key == foreign);
        Assert.Equal((RunState.Pending, 0), (waiting.State, waiting.Attempts));
        Assert.Equal(
            ["GCN/FP32/seed=0", "GCN/FP32/seed=1", "GIN/FP32/fold=0", "GIN/FP32/fold=1"],
            stored.Select(r => string.Join('/', r.Key.Split('/')[2..])).Order(StringComparer.Ordinal));
        var runs = ReadWithDuckDb(Path.Combine(folder, "results", "table=2", "runs.parquet"));
        Assert.Equal(4, runs.Count);
        foreach (var run in runs)
        {
            var record = stored.Single(r => r.Key == run.GetProperty("key").GetString());
            using var result = JsonDocument.Parse(record.ResultJson!);
            bool mae = record.Spec.Dataset == "ZINC";
            Assert.Equal(mae ? "mae" : "accuracy", run.GetProperty("metric").GetString());
            Assert.Equal(mae ? "mae" : "accuracy", result.RootElement.GetProperty("metric").GetString());
            double scale = mae ? 1 : 100;
            Assert.Equal(scale * result.RootElement.GetProperty("bestTestMetric").GetDouble(), Number(run, "accuracy_best_test_epoch"));
            Assert.Equal(scale * result.RootElement.GetProperty("testMetricAtMinValidationLoss").GetDouble(), Number(run, "min_val_loss"));
            Assert.Equal(record.Spec.Fold, run.GetProperty("fold").ValueKind == JsonValueKind.Null ? null : (int?)Number(run, "fold"));
            Assert.Equal(mae ? null : record.Spec.Seed, record.Spec.Fold);
            Assert.True(Number(run, "epoch_ms") > 0);
            Assert.Equal(32, Number(run, "average_bits"));
        }

        var cells = ReadWithDuckDb(Path.Combine(folder, "results", "table=2", "cells.parquet"));
        Assert.Equal(["mae", "accuracy"], cells.Select(c => c.GetProperty("metric").GetString()));
        Assert.Equal(0.45, Number(cells[0], "paper_accuracy"));
        Assert.Equal(runs.Where(r => r.GetProperty("metric").GetString() == "mae").Average(r => Number(r, "min_val_loss")), Number(cells[0], "min_val_loss_mean"), 9);

        // Again: nothing trains, the same table comes out.
        var again = ClientProcess.RunIn(folder, arguments);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 new, 4 already", again.Error);
        Assert.Equal(markdown, again.Output);

        // More folds than there are, a row that declares it cannot run, other recipes for remote silos: one line, store untouched.
        foreach (var bad in new[]
        {
            new[] { "reproduce", "--table", "2", "--rows", "GIN-REDDIT-BINARY", "--seeds", "11", "--data-dir", ClientProcess.DataDirectory },
            new[] { "reproduce", "--table", "2", "--rows", "GCN-MNIST", "--data-dir", ClientProcess.DataDirectory },
            new[] { "reproduce", "--table", "2", "--rows", "GCN-ZINC", "--recipe-file", recipes, "--store", Path.Combine(folder, "other.db"), "--data-dir", ClientProcess.DataDirectory },
        })
        {
            var failed = ClientProcess.RunIn(folder, bad);
            Assert.Equal(2, failed.ExitCode);
            Assert.StartsWith("error: ", Assert.Single(failed.Error.TrimEnd().Split('\n')));
            Assert.Equal(5, (await StoredRunsAsync()).Count);
        }
    }

    private static double Number(JsonElement row, string column) =>
        double.Parse(row.GetProperty(column).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SigtermHandsTheRunInTrainingBackAndTheSameCommandResumesItAtOnce()
    {
        string recipes = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(recipes, "graphRecipes:\n" + TinyGraphRecipes.ZincGcnFp32.Replace("epochs: 2", "epochs: 40", StringComparison.Ordinal));
        string[] arguments = ["reproduce", "--table", "2", "--rows", "GCN-ZINC", "--methods", "FP32", "--seeds", "1", "--silos", "1", "--recipe-file", recipes, "--data-dir", ClientProcess.DataDirectory];

        string checkpoints = Path.Combine(folder, ".a2q", "checkpoints");
        using (var client = ClientProcess.Start(folder, arguments))
        {
            var error = client.StandardError.ReadToEndAsync();
            var output = client.StandardOutput.ReadToEndAsync();
            // The first epoch's checkpoint says the run is leased and training.
            var waited = Stopwatch.StartNew();
            while (!(Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*.ckpt").Any()))
            {
                if (client.HasExited)
                {
                    Assert.Fail($"the client ended before its first checkpoint: {await error}");
                }
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "no checkpoint within 2 minutes");
                await Task.Delay(20);
            }

            using (var kill = Process.Start("kill", ["-TERM", client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            Assert.True(client.WaitForExit(TimeSpan.FromSeconds(60)), "the client did not stop within 60 s of SIGTERM");
            Assert.Equal(130, client.ExitCode);
            Assert.Contains("interrupted: handing the runs in training back to the queue", await error);
            Assert.Equal(string.Empty, await output);
        }

        // Back in the queue at once (not leased until the lease expires), with its attempt given back and its checkpoint kept.
        var released = Assert.Single(await StoredRunsAsync());
        Assert.Equal((RunState.Pending, 0, null), (released.State, released.Attempts, released.LeaseOwner));
        Assert.Single(Directory.EnumerateFiles(checkpoints, "*.ckpt"));
        Assert.False(File.Exists(Path.Combine(folder, "results", "table2.md")), "an interrupted sweep writes no table");

        var again = ClientProcess.RunIn(folder, arguments);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 new, 1 already", again.Error);
        var done = Assert.Single(await StoredRunsAsync());
        Assert.Equal((RunState.Succeeded, 1), (done.State, done.Attempts));
        using var result = JsonDocument.Parse(done.ResultJson!);
        Assert.InRange(result.RootElement.GetProperty("resumedAtEpoch").GetInt32(), 1, 39);
        Assert.Empty(Directory.EnumerateFiles(checkpoints, "*.ckpt"));
    }

    [Fact]
    public void AnUnreachableStoreIsOneLineAndNonZero()
    {
        var (exit, _, error) = ClientProcess.RunIn(folder, "reproduce", "--table", "1", "--rows", "GCN-Cora", "--store", "postgres://a2q:a2q@127.0.0.1:1/none", "--data-dir", ClientProcess.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the run store", Assert.Single(error.TrimEnd().Split('\n')));
    }

    [Fact]
    public void AMistypedOptionAfterANameListIsNamedAndNothingIsEnqueued()
    {
        // --methods takes tokens up to the next option it knows; reproduce has no --folds (it takes --seeds).
        var (exit, _, error) = ClientProcess.RunIn(folder, "reproduce", "--table", "2", "--methods", "A2Q", "--folds", "10", "--data-dir", ClientProcess.DataDirectory);
        Assert.NotEqual(0, exit);
        Assert.Contains("--methods: '--folds' is not an option of this command", error);
        Assert.False(Directory.Exists(Path.Combine(folder, ".a2q")));
    }

    private async Task<IReadOnlyList<RunRecord>> StoredRunsAsync()
    {
        await using var store = new SqliteRunStore(new SqliteRunStoreOptions { Path = Path.Combine(folder, ".a2q", "runs.db") });
        return await store.ListAsync(null, default);
    }

    /// <summary>The rows DuckDB reads from a Parquet file, through the conformance script of the Grains tests.</summary>
    private static List<JsonElement> ReadWithDuckDb(string path)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "A2Q.Cluster.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("the repository root (A2Q.Cluster.sln) was not found above the test folder");
        }

        string script = Path.Combine(root, "tests", "Grains.Tests", "Conformance");
        if (!Directory.Exists(Path.Combine(script, "node_modules", "@duckdb")))
        {
            Assert.Fail($"DuckDB for Node is not installed: run `npm install --no-audit --no-fund --prefix tests/Grains.Tests/Conformance` (.ci/run does)");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = script, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("read_parquet.mjs");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
        // The script prints rows as arrays beside the column list; name the values by column.
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement[0];
        var names = file.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        return file.GetProperty("rows").EnumerateArray()
            .Select(row => JsonSerializer.SerializeToElement(names.Zip(row.EnumerateArray()).ToDictionary(p => p.First, p => p.Second.Clone())))
            .ToList();
    }
}
