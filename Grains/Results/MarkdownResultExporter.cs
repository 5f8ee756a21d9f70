using System.Globalization;
using System.Text;

namespace A2Q.Grains.Results;

/// <summary>
/// results/table{N}.md: per row and method, our mean ± std under the table's protocol (the other protocol
/// in brackets), the paper's figure, the difference, average bits, compression and speedup beside the paper's, and
/// runs done of planned. Written to a temporary file and renamed, so readers never see half a table.
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
        md.AppendLine("| row | method | ours | [BestValEpoch] | paper | Δ | avg bits (ours / paper) | compression (ours / paper) | speedup (ours / paper) | runs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var cell in table.Cells)
        {
            string runs = cell.Failed > 0 ? $"{cell.Done}/{cell.Planned} ({cell.Failed} failed)" : $"{cell.Done}/{cell.Planned}";
            md.AppendLine(c, $"| {cell.Row} | {cell.Method} | {MeanStd(cell.AccuracyMean, cell.AccuracyStd)} | [{MeanStd(cell.BestValAccuracyMean, cell.BestValAccuracyStd)}] | {MeanStd(cell.Paper.Accuracy, cell.Paper.Std)} | {Signed(cell.Difference)} | {Number(cell.AverageBitsMean)} / {Number(cell.Paper.AverageBits)} | {Ratio(cell.CompressionRatioMean)} / {Ratio(cell.Paper.CompressionRatio)} | {Speedup(cell.SpeedupMean)} / {Speedup(cell.Paper.Speedup)} | {runs} |");
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

    private static string MeanStd(double? mean, double? std) =>
        mean is null ? "–" : std is null ? string.Create(CultureInfo.InvariantCulture, $"{mean:F2}") : string.Create(CultureInfo.InvariantCulture, $"{mean:F2} ± {std:F2}");

    private static string Signed(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:+0.00;−0.00;0.00}");

    private static string Number(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.##}");

    private static string Speedup(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.00}x");

    private static string Ratio(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#}x");
}
