using A2Q.Grains.Abstractions;

namespace A2Q.Grains;

/// <summary>
/// The run state machine as a table: which state may follow which, and through what. Stores perform each
/// transition as one transaction; the contract tests check that every change they observe is in this table.
/// </summary>
public static class RunTransitions
{
    private static readonly Dictionary<(RunState From, RunState To), string> Allowed = new()
    {
        [(RunState.Pending, RunState.Leased)] = "claim",
        [(RunState.Leased, RunState.Leased)] = "heartbeat, or takeover of an expired lease (epoch + 1)",
        [(RunState.Leased, RunState.Succeeded)] = "commit under the current lease",
        [(RunState.Leased, RunState.Failed)] = "permanent failure, or the last allowed attempt failing",
        [(RunState.Leased, RunState.Pending)] = "transient failure with backoff, or release on shutdown",
        [(RunState.Pending, RunState.Cancelled)] = "cancel the sweep",
        [(RunState.Leased, RunState.Cancelled)] = "cancel the sweep (fences the holder out)",
    };

    public static bool IsAllowed(RunState from, RunState to) => from == to && from != RunState.Leased ? true : Allowed.ContainsKey((from, to));

    /// <summary>Why the transition happens, or null when it is not allowed.</summary>
    public static string? Describe(RunState from, RunState to) => Allowed.TryGetValue((from, to), out var why) ? why : null;

    /// <summary>Succeeded, Failed and Cancelled are final.</summary>
    public static bool IsFinal(RunState state) => state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}
