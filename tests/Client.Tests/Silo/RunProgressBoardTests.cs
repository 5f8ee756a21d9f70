using A2Q.Client.Commands;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Sqlite;
using A2Q.Quant.Training;
using A2Q.Silo;
using Xunit;

namespace A2Q.Client.Tests.Silo;

public sealed class RunProgressBoardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-progress-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ARunShowsItsEpochWhileItTrainsAndLeavesTheBoardWhenDone()
    {
        await using var store = new SqliteRunStore(new SqliteRunStoreOptions { Path = Path.Combine(folder, "runs.db") });
        await store.InitializeAsync(default);
        string key = RunKey.ForSeed("t", "Cora", "GCN", "FP32", 0).ToString();
        await store.EnqueueAsync("t", [new RunSpec { Key = key, Dataset = "Cora", Model = "GCN", Method = "FP32", Seed = 0, Epochs = 300, Row = "GCN-Cora", CodeVersion = "test" }], null, default);
        var board = new RunProgressBoard();
        var worker = new SiloWorker(store, new RunExecutor(ClientProcess.DataDirectory, 1), new SiloOptions { Id = "w", ExitWhenIdle = true }, progress: board);

        var seen = new List<EpochReport>();
        var running = worker.RunAsync(default);
        while (!running.IsCompleted)
        {
            if (board.Snapshot().TryGetValue(key, out var report))
            {
                seen.Add(report);
            }

            await Task.Delay(1);
        }

        await running;
        Assert.NotEmpty(seen);
        Assert.All(seen, r => Assert.Equal(300, r.Epochs));
        Assert.All(seen, r => Assert.InRange(r.Epoch, 0, 299));
        Assert.Equal(seen.Select(r => r.Epoch).Order(), seen.Select(r => r.Epoch)); // the board only moves forward
        Assert.Empty(board.Snapshot());
        Assert.Equal(RunState.Succeeded, (await store.GetAsync(key, default))!.State);
    }

    [Fact]
    public void TheProgressLineNamesEachRunOfTheSweepWithItsEpoch()
    {
        var board = new RunProgressBoard();
        board.For("table2/REDDIT-BINARY/GIN/FP32/fold=1").Report(new EpochReport(56, 200, 0.3f, double.NaN, 0.9, 0.91, 7800));
        board.For("table2/REDDIT-BINARY/GIN/FP32/fold=0").Report(new EpochReport(199, 200, 0.3f, double.NaN, 0.9, 0.91, 7800));
        board.For("table3/Cora/GIN/A2Q/seed=0").Report(new EpochReport(3, 200, 0.3f, double.NaN, 0.9, 0.91, 7800));
        var keys = new HashSet<string> { "table2/REDDIT-BINARY/GIN/FP32/fold=0", "table2/REDDIT-BINARY/GIN/FP32/fold=1" };

        Assert.Equal(
            "; table2/REDDIT-BINARY/GIN/FP32/fold=0: 200/200 epochs; table2/REDDIT-BINARY/GIN/FP32/fold=1: 57/200 epochs",
            SweepProgress.Training(board, keys));
        board.Finish("table2/REDDIT-BINARY/GIN/FP32/fold=0");
        Assert.Equal("; table2/REDDIT-BINARY/GIN/FP32/fold=1: 57/200 epochs", SweepProgress.Training(board, keys));
        Assert.Equal(string.Empty, SweepProgress.Training(null, keys));
    }
}
