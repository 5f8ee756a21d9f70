using System.Globalization;
using System.Text;
using A2Q.Grains.Tables;
using A2Q.Quant.Data;

namespace A2Q.Grains.Results;

/// <summary>
/// results/table{N}.md: per row and method, our mean ± std under the table's protocol (the other protocols
/// in brackets: BestValEpoch, and MinValLoss on graph-level tables), the paper's figure, the difference (for an MAE
/// cell with whether ours is better), average bits, compression and speedup beside the paper's, and runs done of planned. Written to a temporary file and renamed, so readers never see half a table.
/// </summary>
public sealed class MarkdownResultExporter : IResultExporter
{
    public IReadOnlyList<string> Export(ResultTable table, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        string path = Path.Combine(outputDirectory, $"table{table.Definition.Id}.md");
        File.WriteAllText(path + ".part", Render(table));
        File.Move(path + ".part", path, overwrite: true);
        return [path];
    }

    public static string Render(ResultTable table)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# {table.Definition.Title} — reproduced");
        md.AppendLine();
        md.AppendLine(c, $"Accuracy in %: our mean ± sample std over seeds under **{table.Definition.Protocol}** (the paper's protocol), test accuracy at the best-validation epoch in brackets. Δ = ours − paper. Average bits are counted as the authors count them (round(|b|) − 1 per node, mean per layer, mean over layers).");
        md.AppendLine();
        md.AppendLine("Speedup: DQ-INT4 cycles over this cell's cycles on the simulated bit-serial accelerator (paper A.7.5; assumptions in results/README.md).");
        md.AppendLine();
        // Graph-level tables add Degree-Quant's protocol (the paper's DQ cells use it) and may hold MAE rows.
        bool graphLevel = table.Cells.Any(cell => GraphDatasets.Contains(cell.Dataset));
        if (graphLevel)
        {
            md.AppendLine("Graph-level rows: [MinValLoss] is the test metric at the epoch with the lowest validation loss (Degree-Quant's selection, the paper's protocol for its DQ cells). A cross-validated row runs one fold per seed (fold k with seed k). MAE cells (ZINC) have no unit and lower is better: their Δ says whether ours is better or worse.");
            md.AppendLine();
        }

        md.AppendLine(graphLevel
            ? "| row | method | ours | [BestValEpoch] | [MinValLoss] | paper | Δ | avg bits (ours / paper) | compression (ours / paper) | speedup (ours / paper) | runs |"
            : "| row | method | ours | [BestValEpoch] | paper | Δ | avg bits (ours / paper) | compression (ours / paper) | speedup (ours / paper) | runs |");
        md.AppendLine(graphLevel ? "|---|---|---|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|---|---|");
        foreach (var cell in table.Cells)
        {
            string runs = cell.Failed > 0 ? $"{cell.Done}/{cell.Planned} ({cell.Failed} failed)" : $"{cell.Done}/{cell.Planned}";
            string minValLoss = graphLevel ? $" [{MeanStd(cell.MinValLossMean, cell.MinValLossStd, cell.Metric)}] |" : string.Empty;
            md.AppendLine(c, $"| {cell.Row} | {cell.Method} | {MeanStd(cell.AccuracyMean, cell.AccuracyStd, cell.Metric)} | [{MeanStd(cell.BestValAccuracyMean, cell.BestValAccuracyStd, cell.Metric)}] |{minValLoss} {MeanStd(cell.PaperMetric, cell.Paper.Std, cell.Metric)} | {Difference(cell)} | {Number(cell.AverageBitsMean)} / {Number(cell.Paper.AverageBits)} | {Ratio(cell.CompressionRatioMean)} / {Ratio(cell.Paper.CompressionRatio)} | {Speedup(cell.SpeedupMean)} / {Speedup(cell.Paper.Speedup)} | {runs} |");
        }

        var failures = table.Runs.Where(r => r.Error is not null && r.State == Abstractions.RunState.Failed).GroupBy(r => r.Error).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Failed runs:");
            foreach (var group in failures)
            {
                md.AppendLine(c, $"- {group.Count()} run(s), e.g. `{group.First().Key}`: {group.Key}");
            }
        }

        return md.ToString();
    }

    /// <summary>Accuracy in % with 2 decimals; an MAE with 3, as the paper prints it.</summary>
    internal static string MeanStd(double? mean, double? std, MetricKind metric = MetricKind.Accuracy)
    {
        string format = metric == MetricKind.Mae ? "F3" : "F2";
        var c = CultureInfo.InvariantCulture;
        return mean is not double m ? "–" : std is not double s ? m.ToString(format, c) : $"{m.ToString(format, c)} ± {s.ToString(format, c)}";
    }

    /// <summary>Ours − paper; for a lower-is-better metric the sign alone misleads, so the sense is spelled out.</summary>
    internal static string Difference(CellSummary cell)
    {
        if (cell.Difference is not double d)
        {
            return "–";
        }

        if (cell.HigherIsBetter)
        {
            return d.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
        }

        string sense = cell.OursBetter == true ? "better" : d == 0 ? "equal" : "worse";
        return $"{d.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture)} ({sense})";
    }

    private static string Number(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.##}");

    private static string Speedup(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.00}x");

    private static string Ratio(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#}x");
}
