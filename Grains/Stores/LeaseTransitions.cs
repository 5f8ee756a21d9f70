using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores;

/// <summary>
/// The state changes made under a lease, as SQL assignments with their parameters, shared by every store
/// (SQLite and PostgreSQL both take @name parameters). A store applies them with its fenced update:
/// <c>UPDATE runs SET … WHERE key = @key AND lease_epoch = @epoch AND state = 'Leased'</c>.
/// </summary>
internal sealed record LeaseTransition(string Assignments, IReadOnlyList<(string Name, object Value)> Parameters)
{
    public static LeaseTransition Heartbeat(long expiresAt) =>
        new("lease_expires_at = @expires", [("expires", expiresAt)]);

    public static LeaseTransition Complete(string resultJson, long now) =>
        new("state = 'Succeeded', result = @result, error = NULL, finished_at = @now, lease_expires_at = NULL", [("result", resultJson), ("now", now)]);

    /// <summary>Final failures end the run; others send it back to Pending after the policy's backoff.</summary>
    public static LeaseTransition Fail(RunLease lease, string error, bool permanent, long now, RunStoreOptions retry) =>
        retry.IsFinalFailure(lease.Attempt, permanent)
            ? new("state = 'Failed', error = @error, finished_at = @now, lease_expires_at = NULL", [("error", error), ("now", now)])
            : new(
                "state = 'Pending', error = @error, lease_owner = NULL, lease_expires_at = NULL, not_before = @notBefore",
                [("error", error), ("notBefore", retry.RetryNotBefore(now, lease.Attempt))]);

    /// <summary>Back to Pending without counting the attempt (a silo shutting down).</summary>
    public static LeaseTransition Release() =>
        new("state = 'Pending', lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1", []);
}
