using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using A2Q.Grains.Results;
using A2Q.Grains.Stores;
using A2Q.Grains.Tables;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client results --table N --format md|csv|json</c>: the table as it stands in the store (finished runs so
/// far), without running anything.
/// </summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var table = new Option<int>("--table") { Description = "Paper table number", Required = true };
        var format = new Option<string>("--format") { Description = "md, csv or json", DefaultValueFactory = _ => "md" };
        var store = new Option<string?>("--store") { Description = "Run store (default: .a2q/runs.db)" };
        var command = new Command("results", "Print a table's results from the store") { table, format, store };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            string kind = parse.GetValue(format)!.ToLowerInvariant();
            if (kind is not ("md" or "csv" or "json"))
            {
                throw new UsageException($"--format must be md, csv or json, got {kind}");
            }

            var definition = TableCatalog.Embedded().Get(parse.GetValue(table));
            string location = parse.GetValue(store) ?? Path.Combine(".a2q", "runs.db");
            if (parse.GetValue(store) is null && !File.Exists(location))
            {
                throw new UsageException($"no run store at {location} (run `client reproduce --table {definition.Id}` here first, or pass --store)");
            }

            await using var runStore = RunStoreLocation.Open(location, readOnly: true);
            await runStore.InitializeAsync(cancellationToken);
            var records = (await runStore.ListAsync(definition.SweepName, cancellationToken)).ToList();
            var planned = records.Select(r => r.Spec).ToList();
            var rows = definition.Rows.Where(row => planned.Any(p => p.Row == row.Label)).ToList();
            var result = ResultTable.Build(definition, rows, planned, records);
            Console.Write(kind switch
            {
                "md" => MarkdownResultExporter.Render(result),
                "csv" => Csv(result),
                _ => JsonSerializer.Serialize(result.Cells, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + Environment.NewLine,
            });
            return 0;
        }));
        return command;
    }

    private static string Csv(ResultTable table)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { "row,method,protocol,runs_done,runs_planned,accuracy_mean,accuracy_std,accuracy_best_val_mean,average_bits,compression_ratio,paper_accuracy,difference" };
        foreach (var cell in table.Cells)
        {
            lines.Add(string.Join(',', cell.Row, cell.Method, cell.Protocol, cell.Done.ToString(c), cell.Planned.ToString(c),
                N(cell.AccuracyMean), N(cell.AccuracyStd), N(cell.BestValAccuracyMean), N(cell.AverageBitsMean), N(cell.CompressionRatioMean),
                N(cell.PaperMetric), N(cell.Difference)));
        }

        return string.Join(Environment.NewLine, lines) + Environment.NewLine;

        string N(double? v) => v?.ToString("R", c) ?? string.Empty;
    }
}
