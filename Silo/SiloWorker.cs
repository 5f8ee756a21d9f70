using System.Diagnostics;
using A2Q.Grains.Abstractions;

namespace A2Q.Silo;

/// <summary>
/// A silo's work loop: each slot leases a run, executes it while a heartbeat keeps the lease alive, and
/// commits the result under the lease. A failure is recorded (permanent ones fail at once, others retry
/// with backoff); when the lease is lost (expired and taken over, or cancelled) the result is dropped.
/// On shutdown the runs in hand are released for other silos.
/// </summary>
public sealed class SiloWorker
{
    private readonly IRunStore store;
    private readonly RunExecutor executor;
    private readonly SiloOptions options;
    private readonly SiloTelemetry? telemetry;
    private readonly TimeProvider clock;
    private readonly RunProgressBoard? progress;
    private int busy;
    private int completed;

    /// <param name="progress">where each run's epochs are posted while it trains (a live display), or none</param>
    public SiloWorker(IRunStore store, RunExecutor executor, SiloOptions options, SiloTelemetry? telemetry = null, TimeProvider? clock = null, RunProgressBoard? progress = null)
    {
        this.store = store;
        this.executor = executor;
        this.options = options;
        this.telemetry = telemetry;
        this.clock = clock ?? TimeProvider.System;
        this.progress = progress;
        telemetry?.Register(this);
    }

    private int failed;

    public int BusySlots => Volatile.Read(ref busy);

    public int Completed => Volatile.Read(ref completed);

    public int Failed => Volatile.Read(ref failed);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        using var membership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = MembershipLoopAsync(started, membership.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Slots).Select(_ => SlotLoopAsync(stoppingToken)));
        }
        finally
        {
            membership.Cancel();
            await heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SlotLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            RunLease? lease;
            try
            {
                lease = await store.ClaimAsync(options.Id, options.Lease, options.OnlyKeys, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (lease is null)
            {
                if (options.ExitWhenIdle)
                {
                    return;
                }

                await store.WaitForWorkAsync(options.IdlePoll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            await ExecuteAsync(lease, stoppingToken);
        }
    }

    private async Task ExecuteAsync(RunLease lease, CancellationToken stoppingToken)
    {
        // The client stored its trace context with the run: this span joins the sweep's trace.
        ActivityContext.TryParse(lease.TraceParent, null, out var parent);
        using var activity = SiloTelemetry.Source.StartActivity("silo.lease", ActivityKind.Consumer, parent);
        activity?.SetTag("a2q.run", lease.Key);
        activity?.SetTag("a2q.silo", options.Id);
        activity?.SetTag("a2q.lease_epoch", lease.Epoch);
        activity?.SetTag("a2q.attempt", lease.Attempt);
        var started = Stopwatch.StartNew();
        Interlocked.Increment(ref busy);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeats = HeartbeatLoopAsync(lease, leaseLost);
        try
        {
            // Training is CPU-bound: run it off the loop so heartbeats keep flowing.
            string result = await Task.Run(() => executor.Execute(lease.Spec, options.Id, lease.Attempt, progress?.For(lease.Key), leaseLost.Token), CancellationToken.None);
            bool committed;
            using (var commit = SiloTelemetry.Source.StartActivity("silo.commit"))
            {
                committed = await store.CompleteAsync(lease, result, CancellationToken.None);
                commit?.SetTag("a2q.committed", committed);
            }

            if (committed)
            {
                Interlocked.Increment(ref completed);
                telemetry?.RunsCompleted.Add(1);
                telemetry?.RunDuration.Record(started.Elapsed.TotalSeconds);
            }
            else
            {
                // Fenced: the lease expired and another silo owns the run now.
                telemetry?.LeasesLost.Add(1);
                activity?.SetStatus(ActivityStatusCode.Error, "lease lost before commit");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // The lease was lost mid-run: another silo owns the run now; nothing to write.
            telemetry?.LeasesLost.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, "lease lost");
        }
        catch (PermanentRunFailure e)
        {
            Interlocked.Increment(ref failed);
            telemetry?.RunsFailed.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await store.FailAsync(lease, e.Message, permanent: true, CancellationToken.None);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref failed);
            telemetry?.RunsFailed.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await store.FailAsync(lease, $"{e.GetType().Name}: {e.Message}", permanent: false, CancellationToken.None);
        }
        finally
        {
            progress?.Finish(lease.Key);
            leaseLost.Cancel();
            await heartbeats.ContinueWith(_ => { }, TaskScheduler.Default);
            Interlocked.Decrement(ref busy);
        }
    }

    private async Task HeartbeatLoopAsync(RunLease lease, CancellationTokenSource leaseLost)
    {
        while (!leaseLost.IsCancellationRequested)
        {
            await Task.Delay(options.Heartbeat, clock, leaseLost.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (leaseLost.IsCancellationRequested)
            {
                return;
            }

            if (!await store.HeartbeatAsync(lease, options.Lease, CancellationToken.None))
            {
                leaseLost.Cancel();
                return;
            }
        }
    }

    private async Task MembershipLoopAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await store.HeartbeatSiloAsync(new SiloInfo(options.Id, Environment.MachineName, options.Slots, started, clock.GetUtcNow()), cancellationToken);
            if (telemetry is not null)
            {
                telemetry.ReportQueueDepth(await store.CountPendingAsync(cancellationToken));
            }

            await Task.Delay(options.Heartbeat, clock, cancellationToken);
        }
    }
}
