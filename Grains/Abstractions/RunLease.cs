namespace A2Q.Grains.Abstractions;

/// <summary>
/// A silo's claim on a run: valid while the store's epoch for the run still equals <see cref="Epoch"/>.
/// Every write made under the lease carries the epoch, so a silo that was cut off and comes back after its
/// lease expired and another silo took the run over can no longer change it (fencing).
/// </summary>
public sealed record RunLease(string Key, RunSpec Spec, long Epoch, string SiloId, int Attempt, DateTimeOffset ExpiresAt, string? TraceParent);
