using A2Q.Grains.Abstractions;
using A2Q.Grains.Tables;

namespace A2Q.Grains.Results;

/// <summary>
/// A reproduced table: the runs of the selected rows and one summary per row × cell, in the table's order.
/// Built purely from the store's records, so the same records always give the same table.
/// </summary>
public sealed record ResultTable(TableDefinition Definition, IReadOnlyList<RunRow> Runs, IReadOnlyList<CellSummary> Cells)
{
    public static ResultTable Build(TableDefinition table, IReadOnlyList<TableRow> rows, IReadOnlyList<RunSpec> planned, IReadOnlyList<RunRecord> records)
    {
        var plannedKeys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var runs = records.Where(r => plannedKeys.Contains(r.Key)).Select(r => RunRow.From(r, table.Id)).ToList();
        var cells = new List<CellSummary>();
        foreach (var row in rows)
        {
            foreach (var cell in row.Cells)
            {
                bool InCell(RunSpec spec) => spec.Row == row.Label && spec.Method == cell.Method && spec.Variant == cell.Variant;
                var mine = runs.Where(r => InCell(r.Spec)).ToList();
                var done = mine.Where(r => r.State == RunState.Succeeded).ToList();
                var (mean, std) = Statistics(done.Select(r => r.BestTestAccuracy!.Value).ToList());
                var (valMean, valStd) = Statistics(done.Select(r => r.BestValAccuracy!.Value).ToList());
                var (minValLossMean, minValLossStd) = Statistics(done.Where(r => r.MinValLossMetric is not null).Select(r => r.MinValLossMetric!.Value).ToList());
                cells.Add(new CellSummary(
                    table.Id, row.Label, row.Dataset, row.Model, cell.Name, table.Protocol,
                    done.Count,
                    planned.Count(InCell),
                    mine.Count(r => r.State == RunState.Failed),
                    mean, std, valMean, valStd,
                    done.Count > 0 ? done.Average(r => r.AverageBits ?? double.NaN) : null,
                    done.Count > 0 ? done.Average(r => r.CompressionRatio ?? double.NaN) : null,
                    done.Count > 0 && done.All(r => r.Speedup is not null) ? done.Average(r => r.Speedup!.Value) : null,
                    cell.Paper,
                    row.Metric,
                    minValLossMean,
                    minValLossStd));
            }
        }

        return new ResultTable(table, runs, cells);
    }

    /// <summary>Mean and unbiased standard deviation (the paper's "a ± b"); std is null for fewer than 2 values.</summary>
    internal static (double? Mean, double? Std) Statistics(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }

        double mean = values.Average();
        double? std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : null;
        return (mean, std);
    }
}
