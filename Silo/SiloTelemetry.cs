using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace A2Q.Silo;

/// <summary>
/// A silo process's traces and metrics (source and meter "A2Q.Silo"): a span per leased run, parented on the
/// trace context the client stored with the run, so one trace follows a sweep across machines; counters of
/// runs completed, failed and leases lost; run duration; busy slots and queue depth as gauges.
/// </summary>
public sealed class SiloTelemetry : IDisposable
{
    public const string Name = "A2Q.Silo";

    private readonly Meter meter = new(Name);
    private readonly List<SiloWorker> workers = new();
    private long queueDepth;

    public SiloTelemetry()
    {
        RunsCompleted = meter.CreateCounter<long>("a2q.silo.runs.completed", description: "Runs committed by this silo");
        RunsFailed = meter.CreateCounter<long>("a2q.silo.runs.failed", description: "Runs that failed on this silo (permanent or retried)");
        LeasesLost = meter.CreateCounter<long>("a2q.silo.leases.lost", description: "Leases that expired and were taken over while this silo held them");
        RunDuration = meter.CreateHistogram<double>("a2q.silo.run.duration", unit: "s", description: "Lease to commit");
        meter.CreateObservableGauge("a2q.silo.busy_slots", () => { lock (workers) { return workers.Sum(w => w.BusySlots); } }, description: "Slots executing a run");
        meter.CreateObservableGauge("a2q.silo.queue_depth", () => Interlocked.Read(ref queueDepth), description: "Runnable runs waiting in the store");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Counter<long> RunsCompleted { get; }

    public Counter<long> RunsFailed { get; }

    public Counter<long> LeasesLost { get; }

    public Histogram<double> RunDuration { get; }

    public void Register(SiloWorker worker)
    {
        lock (workers)
        {
            workers.Add(worker);
        }
    }

    public void ReportQueueDepth(long depth) => Interlocked.Exchange(ref queueDepth, depth);

    public void Dispose() => meter.Dispose();
}
