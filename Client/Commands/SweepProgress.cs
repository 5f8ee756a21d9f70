using A2Q.Grains.Abstractions;
using A2Q.Silo;
using Spectre.Console;

namespace A2Q.Client.Commands;

/// <summary>
/// Waits until every planned run is finished (Succeeded, Failed or Cancelled), reporting done / running /
/// failed and an ETA: on a terminal as a Spectre.Console progress bar on standard error, otherwise as a line
/// every ten seconds (logs and CI stay readable). Runs trained in this process also show their epoch.
/// </summary>
internal static class SweepProgress
{
    /// <param name="board">the epochs of runs this process trains (in-process silos), or none</param>
    public static Task WaitAsync(
        IRunStore store, string sweep, IReadOnlyList<RunSpec> planned, bool dependsOnOtherSilos, TextWriter log, CancellationToken cancellationToken,
        RunProgressBoard? board = null)
    {
        bool interactive = !Console.IsErrorRedirected && ReferenceEquals(log, Console.Error);
        return interactive
            ? LiveAsync(store, sweep, planned, board, cancellationToken)
            : PlainAsync(store, sweep, planned, dependsOnOtherSilos, log, board, cancellationToken);
    }

    /// <summary>"; table2/REDDIT-BINARY/GIN/FP32/fold=0: 57/200 epochs" for each run this process is training.</summary>
    internal static string Training(RunProgressBoard? board, IReadOnlySet<string> keys)
    {
        if (board is null)
        {
            return string.Empty;
        }

        var parts = board.Snapshot().Where(p => keys.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {p.Value.Epoch + 1}/{p.Value.Epochs} epochs");
        return string.Concat(parts.Select(p => $"; {p}"));
    }

    private static async Task LiveAsync(IRunStore store, string sweep, IReadOnlyList<RunSpec> planned, RunProgressBoard? board, CancellationToken cancellationToken)
    {
        var keys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(sweep, maxValue: planned.Count);
                while (true)
                {
                    var records = (await store.ListAsync(sweep, cancellationToken)).Where(r => keys.Contains(r.Key)).ToList();
                    int succeeded = records.Count(r => r.State == RunState.Succeeded);
                    int failed = records.Count(r => r.State is RunState.Failed or RunState.Cancelled);
                    int running = records.Count(r => r.State == RunState.Leased);
                    task.Value = succeeded + failed;
                    task.Description = Markup.Escape($"{sweep}: {succeeded + failed}/{planned.Count} done, {running} running, {failed} failed{Training(board, keys)}");
                    if (succeeded + failed >= planned.Count)
                    {
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                }
            });
    }

    private static async Task PlainAsync(
        IRunStore store, string sweep, IReadOnlyList<RunSpec> planned, bool dependsOnOtherSilos, TextWriter log, RunProgressBoard? board, CancellationToken cancellationToken)
    {
        var keys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var started = DateTimeOffset.UtcNow;
        int? firstDone = null;
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
            string line = $"{finished}/{planned.Count} done ({succeeded} ok, {failed} failed), {running} running{eta}{Training(board, keys)}";
            if (finished >= planned.Count)
            {
                log.WriteLine(line);
                return;
            }

            if (DateTimeOffset.UtcNow - lastPrinted > TimeSpan.FromSeconds(10))
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
