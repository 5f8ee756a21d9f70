using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Postgres;
using Npgsql;
using Xunit;

namespace A2Q.Grains.Tests.Stores;

/// <summary>
/// The contract against a real PostgreSQL server (started by .ci/run, connection string in
/// A2Q_TEST_POSTGRES). Each test gets its own schema, dropped afterwards.
/// </summary>
public sealed class PostgresRunStoreTests : RunStoreContract, IAsyncLifetime
{
    private readonly List<string> schemas = new();

    public static string ConnectionString
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable("A2Q_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Fail("A2Q_TEST_POSTGRES is not set: run the tests through .ci/run, or start a server with `.ci/postgres.sh` and export the connection string it prints");
            }

            return value;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var data = NpgsqlDataSource.Create(ConnectionString);
        foreach (string schema in schemas)
        {
            await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task AnEnqueueWakesAListeningSilo()
    {
        await using var store = (PostgresRunStore)await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.WaitForWorkAsync(TimeSpan.FromMilliseconds(10), default); // starts listening
        var wait = store.WaitForWorkAsync(TimeSpan.FromSeconds(20), default);
        await Task.Delay(500);
        Assert.False(wait.IsCompleted, "the wait ended with no work enqueued");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var other = (PostgresRunStore)await CreateStoreAsync(new ManualClock(), new RunStoreOptions(), schemas[^1]))
        {
            await other.EnqueueAsync("s", Specs(1), null, default);
        }

        await wait;
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"woke after {started.Elapsed}");
    }

    [Fact]
    public void ASchemaThatIsNotAnIdentifierIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgresRunStore(new PostgresRunStoreOptions { ConnectionString = "Host=x", Schema = "a; DROP TABLE x" }));
        Assert.Contains("not a plain identifier", e.Message);
    }

    protected override Task<IRunStore> CreateStoreAsync(ManualClock clock, RunStoreOptions retry) => CreateStoreAsync(clock, retry, null);

    private async Task<IRunStore> CreateStoreAsync(ManualClock clock, RunStoreOptions retry, string? schema)
    {
        if (schema is null)
        {
            schema = $"t_{Guid.NewGuid():N}"[..20];
            schemas.Add(schema);
        }

        var store = new PostgresRunStore(new PostgresRunStoreOptions { ConnectionString = ConnectionString, Schema = schema, Retry = retry }, clock);
        await store.InitializeAsync(default);
        return store;
    }
}
