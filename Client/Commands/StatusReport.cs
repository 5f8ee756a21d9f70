using A2Q.Grains.Abstractions;

namespace A2Q.Client.Commands;

/// <summary>
/// What <c>client status</c> prints: each sweep's runs by state, with the leases whose holder stopped renewing them,
/// and the silos. A store outlives its silos (every `client reproduce` registers new in-process ones), so silos that
/// stopped beating are summed up in one line unless all are asked for.
/// </summary>
internal static class StatusReport
{
    /// <summary>Silos beat every few seconds; one silent for a minute has stopped.</summary>
    public static readonly TimeSpan AliveWithin = TimeSpan.FromMinutes(1);

    public static void Write(
        TextWriter output, string location, IReadOnlyList<RunRecord> runs, IReadOnlyList<SiloInfo> silos, DateTimeOffset now, bool allSilos)
    {
        output.WriteLine($"store {location}: {runs.Count} runs");
        foreach (var sweep in runs.GroupBy(r => r.Sweep).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byState = Enum.GetValues<RunState>().Select(s => $"{s} {sweep.Count(r => r.State == s)}");
            int expired = sweep.Count(r => r.State == RunState.Leased && r.LeaseExpiresAt < now);
            string stale = expired == 0 ? "" : $" ({expired} of the leases expired: a silo stopped; the next claim retakes the run)";
            output.WriteLine($"  {sweep.Key,-24} {string.Join(", ", byState)}{stale}");
        }

        var alive = silos.Where(s => now - s.LastSeen < AliveWithin).ToList();
        var gone = silos.Where(s => now - s.LastSeen >= AliveWithin).OrderBy(s => s.LastSeen).ToList();
        output.WriteLine($"silos: {alive.Count} alive, {gone.Count} stopped");
        foreach (var silo in alive)
        {
            output.WriteLine($"  {silo.Id,-28} {silo.Host,-16} {silo.Slots} slot(s)  alive");
        }

        if (allSilos)
        {
            foreach (var silo in gone)
            {
                output.WriteLine($"  {silo.Id,-28} {silo.Host,-16} {silo.Slots} slot(s)  last seen {silo.LastSeen:u}");
            }
        }
        else if (gone.Count > 0)
        {
            output.WriteLine($"  ({gone.Count} stopped, last seen between {gone[0].LastSeen:u} and {gone[^1].LastSeen:u}; --all lists them)");
        }
    }
}
