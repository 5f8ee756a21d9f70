using A2Q.Client.Commands;
using A2Q.Grains.Abstractions;
using Xunit;

namespace A2Q.Client.Tests.Commands;

/// <summary>`client bench --store-overhead` on a store that already holds real work.</summary>
public sealed class StoreOverheadBenchmarkTests
{
    [Fact]
    public async Task ItLeasesOnlyItsOwnRunsAndLeavesTheQueuedOnesUntouched()
    {
        await using var temporary = await TemporaryRunStore.CreateAsync("a2q-store-bench-");
        var store = temporary.Store;

        // Enqueued first, so an unfiltered claim (oldest runnable run first) would take it before the benchmark's own.
        var real = new RunSpec { Key = "table2/ZINC/GCN/A2Q/seed=0", Dataset = "ZINC", Model = "GCN", Method = "A2Q", Seed = 0, Row = "GCN-ZINC", CodeVersion = "test" };
        await store.EnqueueAsync("table2", [real], null, default);

        var (enqueueMs, lifecycleMs) = await StoreOverheadBenchmark.MeasureAsync(store, 5, default);

        var untouched = await store.GetAsync(real.Key, default);
        Assert.Equal((RunState.Pending, 0, null, null), (untouched!.State, untouched.Attempts, untouched.LeaseOwner, untouched.ResultJson));
        var benchmarked = (await store.ListAsync(null, default)).Where(r => r.Key != real.Key).ToList();
        Assert.Equal(5, benchmarked.Count);
        Assert.All(benchmarked, r => Assert.Equal(RunState.Succeeded, r.State));
        Assert.True(enqueueMs > 0 && lifecycleMs > 0, $"enqueue {enqueueMs} ms, lifecycle {lifecycleMs} ms");
    }
}
