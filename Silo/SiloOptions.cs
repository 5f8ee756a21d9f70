namespace A2Q.Silo;

/// <summary>How a silo works: its identity, parallel slots, lease length and heartbeat cadence.</summary>
public sealed record SiloOptions
{
    public string Id { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public int Slots { get; init; } = 1;

    public int ThreadsPerRun { get; init; } = 1;

    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle slot waits for work before asking again (PostgreSQL wakes it earlier on NOTIFY).</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Lease only these runs (the in-process silos of `client reproduce` serve that command's runs, not another
    /// sweep left in the same store); null: any run.
    /// </summary>
    public IReadOnlyCollection<string>? OnlyKeys { get; init; }

    /// <summary>Stop once no runnable work is left (in-process silos of `client reproduce`), instead of waiting for more.</summary>
    public bool ExitWhenIdle { get; init; }
}
