using System.Collections.Concurrent;
using A2Q.Quant.Training;

namespace A2Q.Silo;

/// <summary>
/// The latest epoch of every run this process is training, for a live display: `client reproduce` shows it beside
/// the store's counts, since one graph-level run trains for the better part of an hour. Runs leave the board when
/// their silo finishes with them.
/// </summary>
public sealed class RunProgressBoard
{
    private readonly ConcurrentDictionary<string, EpochReport> latest = new(StringComparer.Ordinal);

    /// <summary>The progress sink of one run.</summary>
    public IProgress<EpochReport> For(string key) => new Sink(this, key);

    public void Finish(string key) => latest.TryRemove(key, out _);

    /// <summary>Each training run's last reported epoch, by run key.</summary>
    public IReadOnlyDictionary<string, EpochReport> Snapshot() => new Dictionary<string, EpochReport>(latest, StringComparer.Ordinal);

    /// <summary>Writes synchronously (unlike Progress&lt;T&gt;, which posts to a context that may not exist).</summary>
    private sealed class Sink(RunProgressBoard board, string key) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => board.latest[key] = value;
    }
}
