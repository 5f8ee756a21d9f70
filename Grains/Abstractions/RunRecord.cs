namespace A2Q.Grains.Abstractions;

/// <summary>One run as the store holds it.</summary>
public sealed record RunRecord(
    string Key,
    string Sweep,
    RunSpec Spec,
    RunState State,
    int Attempts,
    long LeaseEpoch,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    string? ResultJson,
    string? Error,
    string? TraceParent,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? FinishedAt);
