using System.Diagnostics;
using A2Q.Grains.Abstractions;

namespace A2Q.Client.Commands;

/// <summary>
/// What the store adds to each run, measured on a real store: enqueue, claim, one heartbeat and the fenced
/// commit of a run with a result of the usual size, per run, in a fresh sweep (runs do no training).
/// </summary>
internal static class StoreOverheadBenchmark
{
    public static async Task<(double EnqueueMs, double LifecycleMs)> MeasureAsync(IRunStore store, int runs, CancellationToken cancellationToken)
    {
        string sweep = $"bench-{Guid.NewGuid():N}"[..18];
        var specs = Enumerable.Range(0, runs).Select(i => new RunSpec
        {
            Key = RunKey.ForSeed(sweep, "Cora", "GCN", "FP32", i).ToString(),
            Dataset = "Cora",
            Model = "GCN",
            Method = "FP32",
            Seed = i,
            Row = "GCN-Cora",
            CodeVersion = "bench",
        }).ToList();
        string result = new string('x', 900); // about the size of a real result document
        var clock = Stopwatch.StartNew();
        await store.EnqueueAsync(sweep, specs, null, cancellationToken);
        double enqueue = clock.Elapsed.TotalMilliseconds / runs;
        clock.Restart();
        int done = 0;
        // Only this sweep's runs: on a shared store the oldest runnable run may be a real one, which a dummy result
        // must never complete.
        var own = specs.Select(s => s.Key).ToList();
        while (await store.ClaimAsync("bench", TimeSpan.FromMinutes(1), own, cancellationToken) is { } lease)
        {
            await store.HeartbeatAsync(lease, TimeSpan.FromMinutes(1), cancellationToken);
            await store.CompleteAsync(lease, $"{{\"pad\":\"{result}\"}}", cancellationToken);
            done++;
        }

        double lifecycle = clock.Elapsed.TotalMilliseconds / Math.Max(1, done);
        await store.CancelAsync(sweep, cancellationToken);
        return (enqueue, lifecycle);
    }
}
