using System.Text.Json;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Sqlite;
using A2Q.Silo;
using Xunit;

namespace A2Q.Client.Tests.Silo;

public sealed class SiloWorkerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-silo-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ExecutesRunsAndFailsDeterministicErrorsAtOnceWithTheirMessage()
    {
        await using var store = new SqliteRunStore(new SqliteRunStoreOptions { Path = Path.Combine(folder, "runs.db") });
        await store.InitializeAsync(default);
        await store.EnqueueAsync("t", [Spec("Cora", "FP32", 0), Spec("Cora", "INT3", 1), Spec("CiteSeer", "FP32", 2)], null, default);

        // CiteSeer's files are missing from this data folder; Cora's are linked in.
        string data = Path.Combine(folder, "data", "planetoid");
        Directory.CreateDirectory(data);
        foreach (string file in Directory.GetFiles(Path.Combine(ClientProcess.DataDirectory, "planetoid"), "ind.cora.*"))
        {
            File.CreateSymbolicLink(Path.Combine(data, Path.GetFileName(file)), file);
        }

        var worker = new SiloWorker(store, new RunExecutor(Path.Combine(folder, "data"), 1), new SiloOptions { Id = "w", ExitWhenIdle = true });
        await worker.RunAsync(default);

        var runs = (await store.ListAsync("t", default)).ToDictionary(r => r.Spec.Seed);
        Assert.Equal(RunState.Succeeded, runs[0].State);
        using (var result = JsonDocument.Parse(runs[0].ResultJson!))
        {
            Assert.InRange(result.RootElement.GetProperty("bestTestAccuracy").GetDouble(), 0.3, 1.0);
            Assert.Equal("w", result.RootElement.GetProperty("silo").GetString());
        }

        Assert.Equal((RunState.Failed, 1), (runs[1].State, runs[1].Attempts));
        Assert.Contains("method INT3", runs[1].Error);
        Assert.Equal((RunState.Failed, 1), (runs[2].State, runs[2].Attempts));
        Assert.Contains("ind.citeseer.x", runs[2].Error);
        Assert.Equal((1, 2), (worker.Completed, worker.Failed));
    }

    private static RunSpec Spec(string dataset, string method, int seed) => new()
    {
        Key = RunKey.ForSeed("t", dataset, "GCN", method, seed).ToString(),
        Dataset = dataset,
        Model = "GCN",
        Method = method,
        Seed = seed,
        Epochs = 20,
        Row = $"GCN-{dataset}",
        CodeVersion = "test",
    };
}
