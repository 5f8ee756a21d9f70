using System.CommandLine;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores;
using A2Q.Quant.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace A2Q.Silo;

/// <summary>
/// The `silo` process: a host whose background worker leases and executes runs from the store, and whose
/// Kestrel endpoints answer /healthz (the process is up) and /readyz (the store answers). SIGTERM stops
/// the host; the worker releases the runs it holds so other silos pick them up at once.
/// </summary>
public static class SiloHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = new Option<string>("--store") { Description = "Run store: sqlite:PATH, a .db file, postgres://user:pass@host:port/db?schema=NAME, or Host=… connection string", Required = true };
        var slots = new Option<int>("--slots") { Description = "Runs executed at once", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads-per-run") { Description = "Engine threads per run", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var port = new Option<int>("--port") { Description = "HTTP port for /healthz and /readyz on every interface (0: a free port on loopback only)", DefaultValueFactory = _ => 8080 };
        var id = new Option<string?>("--id") { Description = "Silo id (default: host-pid)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset root (default: $A2Q_DATA_DIR, else ~/.a2q/data)" };
        var lease = new Option<double>("--lease-seconds") { Description = "Lease length; a silo silent this long loses its runs", DefaultValueFactory = _ => 30 };
        var heartbeat = new Option<double>("--heartbeat-seconds") { Description = "How often leases and membership are refreshed", DefaultValueFactory = _ => 5 };
        var checkpoints = new Option<string?>("--checkpoint-dir") { Description = "Save graph-level runs after every epoch here and resume interrupted ones (a volume that outlives the pod; default: none)" };
        var root = new RootCommand("A2Q.Cluster silo: leases runs from the store and executes them") { store, slots, threads, port, id, dataDir, lease, heartbeat, checkpoints };
        root.SetAction(async (parse, cancellationToken) =>
        {
            int slotCount = parse.GetValue(slots);
            if (slotCount < 1)
            {
                Console.Error.WriteLine($"error: --slots must be at least 1, got {slotCount}");
                return 2;
            }

            double leaseSeconds = parse.GetValue(lease), heartbeatSeconds = parse.GetValue(heartbeat);
            if (heartbeatSeconds <= 0 || leaseSeconds <= heartbeatSeconds)
            {
                Console.Error.WriteLine($"error: --lease-seconds ({leaseSeconds}) must exceed --heartbeat-seconds ({heartbeatSeconds}), which must be positive");
                return 2;
            }

            var options = new SiloOptions
            {
                Id = parse.GetValue(id) ?? new SiloOptions().Id,
                Slots = slotCount,
                ThreadsPerRun = Math.Max(1, parse.GetValue(threads)),
                Lease = TimeSpan.FromSeconds(leaseSeconds),
                Heartbeat = TimeSpan.FromSeconds(heartbeatSeconds),
            };
            IRunStore runStore;
            try
            {
                runStore = RunStoreLocation.Open(parse.GetValue(store)!);
                await runStore.InitializeAsync(cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"error: cannot open the run store {parse.GetValue(store)}: {e.Message}");
                return 2;
            }

            using var export = Grains.Telemetry.TelemetryExport.Start("a2q-silo");
            using var telemetry = new SiloTelemetry();
            await using (runStore)
            {
                var executor = new RunExecutor(parse.GetValue(dataDir) ?? DataDirectory.Default, options.ThreadsPerRun, checkpointDirectory: parse.GetValue(checkpoints), log: Console.Error);
                await RunHostAsync(runStore, options, telemetry, executor, parse.GetValue(port), cancellationToken);
            }

            return 0;
        });
        return await root.Parse(args).InvokeAsync(StopGrace.Invocation());
    }

    private static async Task RunHostAsync(IRunStore store, SiloOptions options, SiloTelemetry telemetry, RunExecutor executor, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(port > 0 ? $"http://0.0.0.0:{port}" : "http://127.0.0.1:0");
        var worker = new SiloWorker(store, executor, options, telemetry);
        builder.Services.AddSingleton(worker);
        builder.Services.AddHostedService(_ => new SiloBackgroundService(worker));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text($"ok {options.Id} busy={worker.BusySlots}/{options.Slots} completed={worker.Completed} failed={worker.Failed}\n"));
        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            try
            {
                await store.ListSilosAsync(ct);
                return Results.Text("ready\n");
            }
            catch (Exception e)
            {
                return Results.Text($"store unreachable: {e.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        Console.Error.WriteLine($"silo {options.Id}: {options.Slots} slot(s), {options.ThreadsPerRun} thread(s) per run{(port > 0 ? $", health on :{port}" : string.Empty)}");
        await app.RunAsync(cancellationToken);
    }
}
