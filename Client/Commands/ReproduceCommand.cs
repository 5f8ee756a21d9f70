using System.CommandLine;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Results;
using A2Q.Grains.Stores;
using A2Q.Grains.Tables;
using A2Q.Quant.Data;
using A2Q.Quant.Training;
using A2Q.Silo;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client reproduce --table N</c>: expands the table definition into runs, enqueues them idempotently
/// (re-running resumes and trains nothing already done), lets silos execute them — in-process on the
/// embedded SQLite store when no --store is given — and writes the table as Parquet and Markdown.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var table = new Option<int>("--table") { Description = "Paper table number", Required = true };
        var rows = CommonOptions.NameList("--rows", "Row labels, comma separated (default: all rows)");
        var methods = CommonOptions.NameList("--methods", "Methods (cells) to run, comma separated (default: every cell of the rows)");
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per cell (default: the table's, 100 for Table 1); on a cross-validated row (REDDIT-BINARY) the first K folds, fold k with seed k" };
        var epochs = new Option<int?>("--epochs") { Description = "Override every recipe's epoch count (a separate sweep)" };
        var recipeFile = new Option<string?>("--recipe-file") { Description = "Recipes from this YAML file instead of the embedded ones (a separate sweep; in-process silos only)" };
        var store = new Option<string?>("--store") { Description = "Run store (default: embedded SQLite at .a2q/runs.db with in-process silos)" };
        var silos = new Option<int?>("--silos") { Description = "In-process silos to start (default: one per core without --store, none with --store)" };
        var output = new Option<string>("--out") { Description = "Results folder", DefaultValueFactory = _ => "results" };
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("reproduce", "Reproduce a paper table: enqueue its runs, execute them, write Parquet + Markdown")
        {
            table, rows, methods, seeds, epochs, recipeFile, store, silos, output, dataDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new ReproduceRequest(
                parse.GetValue(table),
                (parse.GetValue(rows) ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                (parse.GetValue(methods) ?? []).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                parse.GetValue(seeds),
                parse.GetValue(epochs),
                parse.GetValue(recipeFile),
                parse.GetValue(store),
                parse.GetValue(silos),
                parse.GetValue(output)!,
                parse.GetValue(dataDir) ?? DataDirectory.Default);
            return await CommandErrors.RunAsync(() => ExecuteAsync(request, Console.Out, Console.Error, cancellationToken));
        });
        return command;
    }

    internal static async Task<int> ExecuteAsync(ReproduceRequest request, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        // Everything that can be checked without the store is checked first: bad input leaves the store untouched.
        if (request.Seeds is < 1)
        {
            throw new UsageException($"--seeds must be at least 1, got {request.Seeds}");
        }

        if (request.Silos is < 0)
        {
            throw new UsageException($"--silos must not be negative, got {request.Silos}");
        }

        if (request.Epochs is < 1)
        {
            throw new UsageException($"--epochs must be at least 1, got {request.Epochs}");
        }

        if (request.RecipeFile is not null && request.Store is not null)
        {
            throw new UsageException("--recipe-file: silos of another store read the embedded recipes; use it with the in-process silos (no --store)");
        }

        var definition = TableCatalog.Embedded().Get(request.Table);
        var rows = TableCatalog.SelectRows(definition, request.Rows);
        if (request.Methods.Count > 0)
        {
            var unknown = request.Methods.Where(m => !rows.Any(r => r.Cells.Any(c => string.Equals(c.Method, m, StringComparison.OrdinalIgnoreCase)))).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"--methods {string.Join(", ", unknown)}: not a cell of the selected rows (they have {string.Join(", ", rows.SelectMany(r => r.Cells).Select(c => c.Method).Distinct())})");
            }

            rows = rows.Select(r => r with { Cells = r.Cells.Where(c => request.Methods.Contains(c.Method, StringComparer.OrdinalIgnoreCase)).ToList() }).ToList();
        }
        var recipes = request.RecipeFile is null ? RecipeBook.Embedded() : RecipeBook.FromFile(request.RecipeFile);
        foreach (var row in rows)
        {
            if (row.Unavailable is { } reason)
            {
                throw new UsageException($"table {definition.Id} row {row.Label} cannot run: {reason}");
            }

            DataAvailability.Require(request.DataDirectory, row.Dataset, row.Label);
            if (CellRecipes.Missing(recipes, row) is { Count: > 0 } missing)
            {
                throw new UsageException($"table {definition.Id} row {row.Label}: no recipe for {string.Join(", ", missing)} on {row.Model}-{row.Dataset}");
            }
        }

        // An epoch override or other recipes change what a run computes, so they make a sweep (and run keys) of their own.
        string sweep = definition.SweepName
            + (request.Epochs is { } epochs ? $"-epochs{epochs}" : string.Empty)
            + (request.RecipeFile is { } file ? $"-recipes{RecipeFileHash(file)}" : string.Empty);
        IReadOnlyList<RunSpec> planned;
        try
        {
            planned = TableCatalog.Expand(definition, rows, request.Seeds, request.Epochs, CodeVersion.Current, sweep);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--seeds: {e.Message}");
        }

        using var export = Grains.Telemetry.TelemetryExport.Start("a2q-client");
        using var silosTelemetry = new SiloTelemetry();
        using var activity = ClientTelemetry.Source.StartActivity("client.reproduce");
        activity?.SetTag("a2q.table", definition.Id);
        activity?.SetTag("a2q.runs", planned.Count);
        bool embedded = request.Store is null;
        string location = request.Store ?? EmbeddedStorePath();
        await using var store = RunStoreLocation.Open(location);
        await InitializeAsync(store, location, cancellationToken);

        EnqueueResult enqueued;
        using (var enqueue = ClientTelemetry.Source.StartActivity("client.enqueue"))
        {
            // W3C traceparent of this span: silos parent their spans on it, wherever they run.
            enqueued = await store.EnqueueAsync(sweep, planned, enqueue?.Id, cancellationToken);
            enqueue?.SetTag("a2q.added", enqueued.Added);
        }

        int cells = planned.Select(run => (run.Row, run.Method, run.Variant)).Distinct().Count();
        log.WriteLine($"table {definition.Id}: {planned.Count} runs in {Count(rows.Count, "row")}, {Count(cells, "cell")}; {enqueued.Added} new, {enqueued.AlreadyPresent} already in the store ({location})");

        int silos = request.Silos ?? (embedded ? Environment.ProcessorCount : 0);
        using var stopSilos = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new List<Task>();
        var board = new RunProgressBoard();
        if (silos > 0 && await RemainingAsync(store, sweep, planned, cancellationToken) > 0)
        {
            int threadsPerRun = Math.Max(1, Environment.ProcessorCount / silos);
            // Graph-level runs save every epoch beside the embedded store, so an interrupted sweep loses at most an epoch per run.
            var executor = new RunExecutor(request.DataDirectory, threadsPerRun, recipes, Path.Combine(".a2q", "checkpoints"), log);
            // These silos serve this command: runs of other tables or rows left in the store wait for their own command.
            var keys = planned.Select(r => r.Key).ToArray();
            for (int i = 0; i < silos; i++)
            {
                var options = new SiloOptions { Id = $"client-{Environment.ProcessId}-{i}", Slots = 1, ThreadsPerRun = threadsPerRun, IdlePoll = TimeSpan.FromMilliseconds(200), OnlyKeys = keys };
                var worker = new SiloWorker(store, executor, options, silosTelemetry, progress: board);
                workers.Add(Task.Run(() => worker.RunAsync(stopSilos.Token), CancellationToken.None));
            }
        }

        try
        {
            await SweepProgress.WaitAsync(store, sweep, planned, workers.Count == 0, log, cancellationToken, board);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.WriteLine(workers.Count > 0
                ? "interrupted: handing the runs in training back to the queue; the same command continues them"
                : "interrupted: the runs stay queued for the silos");
            throw;
        }
        finally
        {
            // Also on Ctrl+C or SIGTERM: each silo hands its run back to the queue before the process ends, so running
            // the command again resumes at once rather than after the lease expires (a graph-level run keeps its last
            // epoch's checkpoint).
            stopSilos.Cancel();
            await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var records = await store.ListAsync(sweep, cancellationToken);
        var result = ResultTable.Build(definition, rows, planned, records);
        var written = new List<string>();
        written.AddRange(new ParquetResultExporter().Export(result, request.OutputDirectory));
        written.AddRange(new MarkdownResultExporter().Export(result, request.OutputDirectory));
        output.Write(MarkdownResultExporter.Render(result));
        log.WriteLine($"wrote {string.Join(", ", written)}");
        return result.Cells.Any(c => c.Failed > 0) ? 1 : 0;
    }

    /// <summary>The first 8 hex digits of the file's SHA-256: the same file resumes its sweep, an edited one starts another.</summary>
    private static string RecipeFileHash(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..8];

    /// <summary>"1 row", "3 rows": the plan line counts rows and cells (a cell is one row × method × variant: Table 11's m values are variants).</summary>
    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string EmbeddedStorePath()
    {
        Directory.CreateDirectory(".a2q");
        return Path.Combine(".a2q", "runs.db");
    }

    private static async Task InitializeAsync(IRunStore store, string location, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await store.InitializeAsync(timeout.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
        {
            throw new UsageException($"cannot reach the run store {location}: {e.Message}");
        }
    }

    private static async Task<int> RemainingAsync(IRunStore store, string sweep, IReadOnlyList<RunSpec> planned, CancellationToken cancellationToken)
    {
        var keys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return (await store.ListAsync(sweep, cancellationToken)).Count(r => keys.Contains(r.Key) && r.State is RunState.Pending or RunState.Leased);
    }
}
