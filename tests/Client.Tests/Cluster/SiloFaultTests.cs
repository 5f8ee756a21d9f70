using System.Diagnostics;
using System.Text.Json;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Postgres;
using Npgsql;
using Xunit;

namespace A2Q.Client.Tests.Cluster;

/// <summary>
/// Two real silo processes on a real PostgreSQL server. One is killed with SIGKILL in the middle of a run,
/// the other is frozen (SIGSTOP) past its lease and thawed after its run was taken over: the sweep still
/// completes, every run ends exactly once, and the thawed silo cannot overwrite the new owner's result.
/// </summary>
public sealed class SiloFaultTests : IAsyncLifetime
{
    private const int Runs = 10;
    private readonly string schema = $"f_{Guid.NewGuid():N}"[..20];
    private readonly List<Process> silos = new();
    private PostgresRunStore store = null!;

    private static string ConnectionString
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable("A2Q_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Fail("A2Q_TEST_POSTGRES is not set: run the tests through .ci/run, or start a server with `.ci/postgres.sh`");
            }

            return value;
        }
    }

    public async Task InitializeAsync()
    {
        store = new PostgresRunStore(new PostgresRunStoreOptions { ConnectionString = ConnectionString, Schema = schema });
        await store.InitializeAsync(default);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            if (!silo.HasExited)
            {
                Signal(silo, "CONT");
                silo.Kill(entireProcessTree: true);
            }

            silo.Dispose();
        }

        await store.DisposeAsync();
        await using var data = NpgsqlDataSource.Create(ConnectionString);
        await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task SweepSurvivesAKilledAndAFrozenSiloAndEveryRunEndsOnce()
    {
        await store.EnqueueAsync("fault", Enumerable.Range(0, Runs).Select(Spec).ToList(), null, default);
        var killed = StartSilo("silo-killed");
        var frozen = StartSilo("silo-frozen");

        // Kill one silo while it holds a run.
        var killedLease = await WaitForAsync(async () => (await store.ListAsync("fault", default))
            .FirstOrDefault(r => r.State == RunState.Leased && r.LeaseOwner == "silo-killed"), TimeSpan.FromSeconds(60));
        killed.Kill();

        // Freeze the other while it holds a run, past its lease; a third silo takes the run over.
        var frozenLease = await WaitForAsync(async () => (await store.ListAsync("fault", default))
            .FirstOrDefault(r => r.State == RunState.Leased && r.LeaseOwner == "silo-frozen"), TimeSpan.FromSeconds(60));
        Signal(frozen, "STOP");
        StartSilo("silo-survivor");
        await WaitForAsync(async () => (await store.GetAsync(frozenLease.Key, default)) is { State: RunState.Succeeded } r && r.LeaseOwner != "silo-frozen" ? r : null, TimeSpan.FromSeconds(90));
        Signal(frozen, "CONT");

        var all = await WaitForAsync(async () =>
        {
            var records = await store.ListAsync("fault", default);
            return records.All(r => r.State == RunState.Succeeded) ? records : null;
        }, TimeSpan.FromSeconds(120));

        Assert.Equal(Runs, all.Count);
        Assert.Equal(Runs, all.Select(r => r.Key).Distinct().Count());
        var takenOver = all.Single(r => r.Key == killedLease.Key);
        Assert.True(takenOver.Attempts >= 2, $"the killed silo's run was attempted {takenOver.Attempts} time(s)");
        Assert.NotEqual("silo-killed", SiloOf(takenOver));

        // Give the thawed silo time to act on its stale lease. Its first heartbeat finds the lease gone and drops the
        // run, so it seldom reaches a commit (the store tests check that the fence refuses one); either way the new
        // owner's result must stand.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var fenced = (await store.GetAsync(frozenLease.Key, default))!;
        Assert.NotEqual("silo-frozen", SiloOf(fenced));
        Assert.NotEqual("silo-frozen", fenced.LeaseOwner);
    }

    private static string? SiloOf(RunRecord record)
    {
        using var json = JsonDocument.Parse(record.ResultJson!);
        return json.RootElement.GetProperty("silo").GetString();
    }

    private static RunSpec Spec(int seed) => new()
    {
        Key = RunKey.ForSeed("fault", "Cora", "GCN", "A2Q", seed).ToString(),
        Dataset = "Cora",
        Model = "GCN",
        Method = "A2Q",
        Seed = seed,
        Epochs = 120,
        Row = "GCN-Cora",
        CodeVersion = "test",
    };

    private Process StartSilo(string id)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "silo.dll"), "--store", $"postgres://{Uri.EscapeDataString(Builder.Username!)}:{Uri.EscapeDataString(Builder.Password ?? string.Empty)}@{Builder.Host}:{Builder.Port}/{Builder.Database}?schema={schema}",
            "--id", id, "--slots", "1", "--threads-per-run", "1", "--port", "0", "--lease-seconds", "3", "--heartbeat-seconds", "1",
            "--data-dir", ClientProcess.DataDirectory,
        })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        silos.Add(process);
        return process;
    }

    private static NpgsqlConnectionStringBuilder Builder => new(ConnectionString);

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {process.Id}");
        kill.WaitForExit();
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"condition not met within {timeout}");
    }
}
