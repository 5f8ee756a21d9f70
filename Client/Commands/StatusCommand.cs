using System.CommandLine;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores;

namespace A2Q.Client.Commands;

/// <summary><c>client status [--store]</c>: each sweep's runs by state, and the silos with when they were last seen.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Run store (default: .a2q/runs.db)" };
        var command = new Command("status", "Show sweeps (runs by state) and silos") { store };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            string location = parse.GetValue(store) ?? Path.Combine(".a2q", "runs.db");
            if (parse.GetValue(store) is null && !File.Exists(location))
            {
                throw new UsageException($"no run store at {location} (run `client reproduce` here first, or pass --store)");
            }

            await using var runStore = RunStoreLocation.Open(location);
            await runStore.InitializeAsync(cancellationToken);
            var runs = await runStore.ListAsync(null, cancellationToken);
            Console.WriteLine($"store {location}: {runs.Count} runs");
            foreach (var sweep in runs.GroupBy(r => r.Sweep).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var byState = Enum.GetValues<RunState>().Select(s => $"{s} {sweep.Count(r => r.State == s)}");
                Console.WriteLine($"  {sweep.Key,-24} {string.Join(", ", byState)}");
            }

            var silos = await runStore.ListSilosAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"silos: {silos.Count}");
            foreach (var silo in silos)
            {
                string seen = (now - silo.LastSeen) < TimeSpan.FromMinutes(1) ? "alive" : $"last seen {silo.LastSeen:u}";
                Console.WriteLine($"  {silo.Id,-28} {silo.Host,-16} {silo.Slots} slot(s)  {seen}");
            }

            return 0;
        }));
        return command;
    }
}
