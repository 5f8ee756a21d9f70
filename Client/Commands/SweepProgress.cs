using A2Q.Grains.Abstractions;

namespace A2Q.Client.Commands;

/// <summary>
/// Waits until every planned run is finished (Succeeded, Failed or Cancelled), reporting done / running /
/// failed and an ETA from the pace so far; on a terminal a single line is rewritten in place.
/// </summary>
internal static class SweepProgress
{
    public static async Task WaitAsync(IRunStore store, string sweep, IReadOnlyList<RunSpec> planned, bool dependsOnOtherSilos, TextWriter log, CancellationToken cancellationToken)
    {
        var keys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var started = DateTimeOffset.UtcNow;
        int? firstDone = null;
        bool interactive = !Console.IsErrorRedirected && ReferenceEquals(log, Console.Error);
        var lastPrinted = DateTimeOffset.MinValue;
        while (true)
        {
            var records = (await store.ListAsync(sweep, cancellationToken)).Where(r => keys.Contains(r.Key)).ToList();
            int succeeded = records.Count(r => r.State == RunState.Succeeded);
            int failed = records.Count(r => r.State is RunState.Failed or RunState.Cancelled);
            int running = records.Count(r => r.State == RunState.Leased);
            int finished = succeeded + failed;
            firstDone ??= finished;
            var elapsed = DateTimeOffset.UtcNow - started;
            int progressed = finished - firstDone.Value;
            string eta = progressed > 0 && finished < planned.Count
                ? $", ETA {TimeSpan.FromSeconds(elapsed.TotalSeconds / progressed * (planned.Count - finished)):hh\\:mm\\:ss}"
                : string.Empty;
            string line = $"{finished}/{planned.Count} done ({succeeded} ok, {failed} failed), {running} running{eta}";
            if (finished >= planned.Count)
            {
                log.WriteLine(interactive ? $"\r{line}".PadRight(80) : line);
                return;
            }

            if (interactive)
            {
                log.Write($"\r{line}".PadRight(80));
            }
            else if (DateTimeOffset.UtcNow - lastPrinted > TimeSpan.FromSeconds(10))
            {
                log.WriteLine(line);
                lastPrinted = DateTimeOffset.UtcNow;
            }

            if (dependsOnOtherSilos && running == 0 && elapsed > TimeSpan.FromSeconds(30) && (int)elapsed.TotalSeconds % 30 == 0)
            {
                var silos = await store.ListSilosAsync(cancellationToken);
                if (!silos.Any(s => DateTimeOffset.UtcNow - s.LastSeen < TimeSpan.FromMinutes(1)))
                {
                    log.WriteLine("waiting for silos: none has been seen in the last minute (start one with `silo --store …`)");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
