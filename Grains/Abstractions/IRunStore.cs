namespace A2Q.Grains.Abstractions;

/// <summary>
/// Where grains live: the run table and the silo membership table. Every state transition is one store
/// transaction; lease writes are fenced by the lease epoch. Implementations: SQLite (embedded default) and
/// PostgreSQL (cluster); one contract test suite runs against both.
/// </summary>
public interface IRunStore : IAsyncDisposable
{
    /// <summary>Creates the schema if needed.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds the runs whose keys are new; existing keys are left as they are (re-running resumes).</summary>
    Task<EnqueueResult> EnqueueAsync(string sweep, IReadOnlyList<RunSpec> runs, string? traceParent, CancellationToken cancellationToken);

    /// <summary>
    /// Leases one runnable run (Pending and due, or Leased with an expired lease), bumping its epoch and its
    /// attempt count; null when there is none.
    /// </summary>
    Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ClaimAsync(string, TimeSpan, CancellationToken)"/>, among the runs whose keys are in
    /// <paramref name="onlyKeys"/> (all runs when null): the silos a `client reproduce` starts serve that command's runs.
    /// </summary>
    Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, IReadOnlyCollection<string>? onlyKeys, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when it is no longer current (expired and taken over, cancelled).</summary>
    Task<bool> HeartbeatAsync(RunLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Records success with its result; false (and no write) when the lease is no longer current.</summary>
    Task<bool> CompleteAsync(RunLease lease, string resultJson, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failure: permanent ones (bad spec, missing data) and those past the attempt limit end as Failed,
    /// others return to Pending after a backoff. False when the lease is no longer current.
    /// </summary>
    Task<bool> FailAsync(RunLease lease, string error, bool permanent, CancellationToken cancellationToken);

    /// <summary>Hands a run back unfinished (a silo shutting down), without counting the attempt.</summary>
    Task<bool> ReleaseAsync(RunLease lease, CancellationToken cancellationToken);

    /// <summary>Cancels the sweep's runs that have not finished.</summary>
    Task<int> CancelAsync(string sweep, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunRecord>> ListAsync(string? sweep, CancellationToken cancellationToken);

    Task<RunRecord?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>How many runs wait in Pending across all sweeps (the queue depth), without reading them.</summary>
    Task<int> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>Adds or refreshes a silo in the membership table.</summary>
    Task HeartbeatSiloAsync(SiloInfo silo, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloInfo>> ListSilosAsync(CancellationToken cancellationToken);

    /// <summary>Completes when runs may have been added (PostgreSQL: NOTIFY) or after <paramref name="timeout"/>.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
