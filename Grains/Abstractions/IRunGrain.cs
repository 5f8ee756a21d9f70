namespace A2Q.Grains.Abstractions;

/// <summary>One run as a virtual actor, in Orleans' shape: addressed by its key, activated on demand.</summary>
public interface IRunGrain
{
    string Key { get; }

    /// <summary>Makes the run exist (idempotent: starting a known run changes nothing) and returns its state.</summary>
    Task<RunState> StartAsync(RunSpec spec, CancellationToken cancellationToken);

    Task<RunState> GetStateAsync(CancellationToken cancellationToken);
}
