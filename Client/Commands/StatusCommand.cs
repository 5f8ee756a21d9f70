using System.CommandLine;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores;

namespace A2Q.Client.Commands;

/// <summary><c>client status [--store] [--all]</c>: each sweep's runs by state, and the silos (see <see cref="StatusReport"/>).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Run store (default: .a2q/runs.db)" };
        var all = new Option<bool>("--all") { Description = "List stopped silos one by one too" };
        var command = new Command("status", "Show sweeps (runs by state) and silos") { store, all };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            string location = parse.GetValue(store) ?? Path.Combine(".a2q", "runs.db");
            if (parse.GetValue(store) is null && !File.Exists(location))
            {
                throw new UsageException($"no run store at {location} (run `client reproduce` here first, or pass --store)");
            }

            await using var runStore = RunStoreLocation.Open(location, readOnly: true);
            await runStore.InitializeAsync(cancellationToken);
            var runs = await runStore.ListAsync(null, cancellationToken);
            var silos = await runStore.ListSilosAsync(cancellationToken);
            StatusReport.Write(Console.Out, location, runs, silos, DateTimeOffset.UtcNow, parse.GetValue(all));
            return 0;
        }));
        return command;
    }
}
