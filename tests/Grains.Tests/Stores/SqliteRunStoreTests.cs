using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Sqlite;
using Xunit;

namespace A2Q.Grains.Tests.Stores;

public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-sqlite-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new SqliteRunStore(new SqliteRunStoreOptions { Path = "/nonexistent/dir/runs.db" }));
        Assert.Contains("/nonexistent/dir", e.Message);
    }

    [Fact]
    public async Task TwoStoreInstancesOnOneFileSeeEachOther()
    {
        string path = Path.Combine(folder, "shared.db");
        await using var a = await Open(path, new ManualClock());
        await using var b = await Open(path, new ManualClock());
        await a.EnqueueAsync("s", Specs(2), null, default);
        var lease = (await b.ClaimAsync("silo-b", TimeSpan.FromMinutes(1), default))!;
        Assert.Equal(RunState.Leased, (await a.GetAsync(lease.Key, default))!.State);
    }

    protected override Task<IRunStore> CreateStoreAsync(ManualClock clock, RunStoreOptions retry) =>
        Open(Path.Combine(folder, $"{Guid.NewGuid():N}.db"), clock, retry).ContinueWith(t => (IRunStore)t.Result, TaskScheduler.Default);

    private static async Task<SqliteRunStore> Open(string path, ManualClock clock, RunStoreOptions? retry = null)
    {
        var store = new SqliteRunStore(new SqliteRunStoreOptions { Path = path, Retry = retry ?? new RunStoreOptions() }, clock);
        await store.InitializeAsync(default);
        return store;
    }
}
