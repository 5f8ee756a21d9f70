using A2Q.Grains;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Tables;
using Xunit;

namespace A2Q.Grains.Tests.Stores;

/// <summary>
/// What every run store must do, whatever its database. Each backend's test class derives from this and
/// supplies a fresh, empty store on a <see cref="ManualClock"/>.
/// </summary>
public abstract class RunStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected abstract Task<IRunStore> CreateStoreAsync(ManualClock clock, RunStoreOptions retry);

    [Fact]
    public async Task EnqueueIsIdempotentSoRerunningResumes()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        var first = await store.EnqueueAsync("s", Specs(3), null, default);
        var again = await store.EnqueueAsync("s", Specs(4), null, default);
        Assert.Equal(new EnqueueResult(3, 0), first);
        Assert.Equal(new EnqueueResult(1, 3), again);
        Assert.Equal(4, (await store.ListAsync("s", default)).Count);
        Assert.Equal(4, await store.CountPendingAsync(default));
        await store.ClaimAsync("silo-a", Lease, default);
        Assert.Equal(3, await store.CountPendingAsync(default));
    }

    [Fact]
    public async Task FoldRunsEnqueueIdempotentlyAndKeepTheirFold()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        var table = TableCatalog.Embedded().Get(2);
        var rows = TableCatalog.SelectRows(table, ["GIN-REDDIT-BINARY"]);
        var specs = TableCatalog.Expand(table, rows, 3, null, "v1");

        Assert.Equal(new EnqueueResult(9, 0), await store.EnqueueAsync("table2", specs, null, default));
        Assert.Equal(new EnqueueResult(0, 9), await store.EnqueueAsync("table2", TableCatalog.Expand(table, rows, 3, null, "v1"), null, default));
        var stored = await store.ListAsync("table2", default);
        Assert.Equal(specs.Select(s => (s.Key, s.Fold)).Order(), stored.Select(r => (r.Key, r.Spec.Fold)).Order());
    }

    [Fact]
    public async Task ClaimsHandOutEachRunOnceInEnqueueOrder()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(3), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", default);
        var leases = new List<RunLease>();
        while (await store.ClaimAsync("silo-a", Lease, default) is { } lease)
        {
            leases.Add(lease);
        }

        Assert.Equal(Specs(3).Select(s => s.Key), leases.Select(l => l.Key));
        Assert.All(leases, l => Assert.Equal((1L, 1), (l.Epoch, l.Attempt)));
        Assert.All(leases, l => Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", l.TraceParent));
        Assert.Equal(Specs(3)[1], leases[1].Spec);
        Assert.All(await store.ListAsync("s", default), r => Assert.Equal(RunState.Leased, r.State));
    }

    [Fact]
    public async Task CompletingUnderTheLeaseRecordsTheResultOnce()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(1), null, default);
        var lease = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.True(await store.CompleteAsync(lease, """{"accuracy":0.81}""", default));
        Assert.False(await store.CompleteAsync(lease, """{"accuracy":0.5}""", default));
        var record = (await store.GetAsync(lease.Key, default))!;
        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal("""{"accuracy":0.81}""", record.ResultJson);
        Assert.NotNull(record.FinishedAt);
        Assert.Null(await store.ClaimAsync("silo-b", Lease, default));
    }

    [Fact]
    public async Task AnExpiredLeaseIsTakenOverAndTheOldOwnerIsFencedOut()
    {
        var clock = new ManualClock();
        await using var store = await CreateStoreAsync(clock, new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(1), null, default);
        var cutOff = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.Null(await store.ClaimAsync("silo-b", Lease, default));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = (await store.ClaimAsync("silo-b", Lease, default))!;
        Assert.Equal(cutOff.Key, takeover.Key);
        Assert.Equal(cutOff.Epoch + 1, takeover.Epoch);
        Assert.Equal(2, takeover.Attempt);

        Assert.False(await store.HeartbeatAsync(cutOff, Lease, default));
        Assert.False(await store.CompleteAsync(cutOff, """{"from":"a"}""", default));
        Assert.False(await store.FailAsync(cutOff, "late", permanent: true, default));
        Assert.True(await store.CompleteAsync(takeover, """{"from":"b"}""", default));
        var record = (await store.GetAsync(takeover.Key, default))!;
        Assert.Equal(("""{"from":"b"}""", "silo-b"), (record.ResultJson, record.LeaseOwner));
    }

    [Fact]
    public async Task HeartbeatsKeepALeaseAlive()
    {
        var clock = new ManualClock();
        await using var store = await CreateStoreAsync(clock, new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(1), null, default);
        var lease = (await store.ClaimAsync("silo-a", Lease, default))!;
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            Assert.True(await store.HeartbeatAsync(lease, Lease, default));
            Assert.Null(await store.ClaimAsync("silo-b", Lease, default));
        }
    }

    [Fact]
    public async Task TransientFailuresRetryWithBackoffThenFail()
    {
        var clock = new ManualClock();
        var retry = new RunStoreOptions { MaxAttempts = 2, InitialBackoff = TimeSpan.FromSeconds(10) };
        await using var store = await CreateStoreAsync(clock, retry);
        await store.EnqueueAsync("s", Specs(1), null, default);

        var first = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.True(await store.FailAsync(first, "out of memory", permanent: false, default));
        Assert.Equal(RunState.Pending, (await store.GetAsync(first.Key, default))!.State);
        Assert.Null(await store.ClaimAsync("silo-a", Lease, default)); // backing off
        clock.Advance(TimeSpan.FromSeconds(11));

        var second = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.Equal(2, second.Attempt);
        Assert.True(await store.FailAsync(second, "out of memory again", permanent: false, default));
        var record = (await store.GetAsync(first.Key, default))!;
        Assert.Equal((RunState.Failed, "out of memory again"), (record.State, record.Error));
    }

    [Fact]
    public async Task DeterministicFailuresFailAtOnce()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions { MaxAttempts = 5 });
        await store.EnqueueAsync("s", Specs(1), null, default);
        var lease = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.True(await store.FailAsync(lease, "ind.cora.x is missing", permanent: true, default));
        var record = (await store.GetAsync(lease.Key, default))!;
        Assert.Equal((RunState.Failed, 1), (record.State, record.Attempts));
    }

    [Fact]
    public async Task ReleasedRunsGoBackWithoutCountingTheAttempt()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(1), null, default);
        var lease = (await store.ClaimAsync("silo-a", Lease, default))!;
        Assert.True(await store.ReleaseAsync(lease, default));
        var again = (await store.ClaimAsync("silo-b", Lease, default))!;
        Assert.Equal((1, 2L), (again.Attempt, again.Epoch));
    }

    [Fact]
    public async Task CancellingASweepStopsItsUnfinishedRuns()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(3), null, default);
        await store.EnqueueAsync("other", [Spec("other/Cora/GCN/FP32/seed=0")], null, default);
        var done = (await store.ClaimAsync("silo-a", Lease, default))!;
        await store.CompleteAsync(done, "{}", default);
        var running = (await store.ClaimAsync("silo-a", Lease, default))!;

        Assert.Equal(2, await store.CancelAsync("s", default));
        Assert.False(await store.CompleteAsync(running, "{}", default));
        var states = (await store.ListAsync("s", default)).Select(r => r.State).ToList();
        Assert.Equal([RunState.Succeeded, RunState.Cancelled, RunState.Cancelled], states);
        Assert.Equal("other/Cora/GCN/FP32/seed=0", (await store.ClaimAsync("silo-a", Lease, default))!.Key);
    }

    [Fact]
    public async Task AClaimLimitedToKeysLeavesEveryOtherRunWaiting()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("other", [Spec("other/Cora/GCN/FP32/seed=0")], null, default);
        await store.EnqueueAsync("s", Specs(3), null, default);
        string[] mine = [Specs(3)[2].Key, Specs(3)[0].Key, "s/not/enqueued/at/all"];

        var first = (await store.ClaimAsync("silo-a", Lease, mine, default))!;
        var second = (await store.ClaimAsync("silo-a", Lease, mine, default))!;

        // In enqueue order among the listed keys; the older run of another sweep and the unlisted run are not taken.
        Assert.Equal([Specs(3)[0].Key, Specs(3)[2].Key], new[] { first.Key, second.Key });
        Assert.Null(await store.ClaimAsync("silo-a", Lease, mine, default));
        Assert.Null(await store.ClaimAsync("silo-a", Lease, [], default));
        Assert.Equal("other/Cora/GCN/FP32/seed=0", (await store.ClaimAsync("silo-b", Lease, default))!.Key);
    }

    [Fact]
    public async Task ConcurrentClaimsNeverShareARun()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        await store.EnqueueAsync("s", Specs(40), null, default);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (await store.ClaimAsync($"silo-{w}", Lease, default) is { } lease)
            {
                claimed.Add(lease.Key);
                Assert.True(await store.CompleteAsync(lease, "{}", default));
            }
        })));
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Distinct().Count());
    }

    [Fact]
    public async Task SilosRegisterAndRefreshTheirMembership()
    {
        await using var store = await CreateStoreAsync(new ManualClock(), new RunStoreOptions());
        var started = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        await store.HeartbeatSiloAsync(new SiloInfo("b", "host-2", 1, started, started), default);
        await store.HeartbeatSiloAsync(new SiloInfo("a", "host-1", 2, started, started), default);
        await store.HeartbeatSiloAsync(new SiloInfo("a", "host-1", 2, started, started.AddSeconds(5)), default);
        var silos = await store.ListSilosAsync(default);
        Assert.Equal(["a", "b"], silos.Select(s => s.Id));
        Assert.Equal(started.AddSeconds(5), silos[0].LastSeen);
    }

    [Fact]
    public async Task EveryObservedChangeIsATransitionOfTheStateMachine()
    {
        var clock = new ManualClock();
        await using var store = await CreateStoreAsync(clock, new RunStoreOptions { MaxAttempts = 2, InitialBackoff = TimeSpan.FromSeconds(1) });
        var grain = new RunGrain(store, "s", Specs(1)[0].Key);
        var seen = new List<RunState> { await grain.StartAsync(Specs(1)[0], default) };
        Assert.Equal(RunState.Pending, await grain.StartAsync(Specs(1)[0], default)); // idempotent
        async Task Observe() => seen.Add(await grain.GetStateAsync(default));

        var lease = (await store.ClaimAsync("a", Lease, default))!;
        await Observe();
        await store.FailAsync(lease, "transient", permanent: false, default);
        await Observe();
        clock.Advance(TimeSpan.FromSeconds(2));
        lease = (await store.ClaimAsync("a", Lease, default))!;
        await Observe();
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = (await store.ClaimAsync("b", Lease, default))!;
        await Observe();
        await store.CompleteAsync(takeover, "{}", default);
        await Observe();

        Assert.Equal([RunState.Pending, RunState.Leased, RunState.Pending, RunState.Leased, RunState.Leased, RunState.Succeeded], seen);
        for (int i = 1; i < seen.Count; i++)
        {
            Assert.True(RunTransitions.IsAllowed(seen[i - 1], seen[i]), $"{seen[i - 1]} -> {seen[i]} is not in the state machine");
        }

        Assert.True(RunTransitions.IsFinal(seen[^1]));
        Assert.False(RunTransitions.IsAllowed(RunState.Succeeded, RunState.Pending));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => new RunGrain(store, "s", "table1/Cora/GCN/FP32/seed=99").GetStateAsync(default));
    }

    protected static RunSpec Spec(string key)
    {
        var k = RunKey.Parse(key);
        return new RunSpec
        {
            Key = key,
            Dataset = k.Dataset,
            Model = k.Model,
            Method = k.Method,
            Seed = int.Parse(k.Replica["seed=".Length..]),
            Row = $"{k.Model}-{k.Dataset}",
            CodeVersion = "test",
        };
    }

    protected static List<RunSpec> Specs(int count) =>
        Enumerable.Range(0, count).Select(i => Spec(RunKey.ForSeed("table1", "Cora", "GCN", "FP32", i).ToString())).ToList();
}
