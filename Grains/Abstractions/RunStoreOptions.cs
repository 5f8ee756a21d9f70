namespace A2Q.Grains.Abstractions;

/// <summary>Retry policy shared by the stores.</summary>
public sealed record RunStoreOptions
{
    /// <summary>Attempts before a transient failure becomes final.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff after the first failed attempt; doubles with each further one.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether a failure ends the run: permanent ones always, others once the attempts are used up.</summary>
    public bool IsFinalFailure(int attempt, bool permanent) => permanent || attempt >= MaxAttempts;

    /// <summary>When a run that failed on <paramref name="attempt"/> may be claimed again (Unix ms).</summary>
    public long RetryNotBefore(long nowMilliseconds, int attempt) => nowMilliseconds + (long)BackoffAfter(attempt).TotalMilliseconds;

    public TimeSpan BackoffAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, InitialBackoff.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}
