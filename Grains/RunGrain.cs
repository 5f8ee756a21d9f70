using A2Q.Grains.Abstractions;

namespace A2Q.Grains;

/// <summary>
/// The grain of one run, backed by a run store: its activation is the row in the store, its execution a
/// lease a silo takes. Starting it enqueues it once; later starts find it as it is.
/// </summary>
public sealed class RunGrain(IRunStore store, string sweep, string key) : IRunGrain
{
    public string Key { get; } = key;

    public async Task<RunState> StartAsync(RunSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Key != Key)
        {
            throw new ArgumentException($"grain {Key} cannot start a run whose key is {spec.Key}");
        }

        await store.EnqueueAsync(sweep, [spec], System.Diagnostics.Activity.Current?.Id, cancellationToken);
        return await GetStateAsync(cancellationToken);
    }

    public async Task<RunState> GetStateAsync(CancellationToken cancellationToken) =>
        (await store.GetAsync(Key, cancellationToken))?.State
        ?? throw new KeyNotFoundException($"run {Key} does not exist (start it first)");
}
