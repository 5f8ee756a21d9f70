using A2Q.Grains.Results.Parquet;
using A2Q.Grains.Tables;

namespace A2Q.Grains.Results;

/// <summary>
/// Writes results/table=N/runs.parquet (one row per run) and results/table=N/cells.parquet (one row per table
/// cell), Hive-style partitioned by table so DuckDB, pandas or Spark read all tables as one dataset. Columns
/// are documented in results/README.md.
/// </summary>
public sealed class ParquetResultExporter(ParquetCompression compression = ParquetCompression.Snappy) : IResultExporter
{
    public static readonly ParquetSchema RunsSchema = new(
        new ParquetColumn("key", ParquetType.String),
        new ParquetColumn("row", ParquetType.String),
        new ParquetColumn("dataset", ParquetType.String),
        new ParquetColumn("model", ParquetType.String),
        new ParquetColumn("method", ParquetType.String),
        new ParquetColumn("variant", ParquetType.String),
        new ParquetColumn("seed", ParquetType.Int32),
        new ParquetColumn("fold", ParquetType.Int32, Nullable: true),
        new ParquetColumn("state", ParquetType.String),
        new ParquetColumn("attempts", ParquetType.Int32),
        new ParquetColumn("silo", ParquetType.String, Nullable: true),
        new ParquetColumn("metric", ParquetType.String),
        new ParquetColumn("accuracy_best_test_epoch", ParquetType.Double, Nullable: true),
        new ParquetColumn("accuracy_best_val_epoch", ParquetType.Double, Nullable: true),
        new ParquetColumn("min_val_loss", ParquetType.Double, Nullable: true),
        new ParquetColumn("best_test_epoch", ParquetType.Int32, Nullable: true),
        new ParquetColumn("best_val_epoch", ParquetType.Int32, Nullable: true),
        new ParquetColumn("min_val_loss_epoch", ParquetType.Int32, Nullable: true),
        new ParquetColumn("average_bits", ParquetType.Double, Nullable: true),
        new ParquetColumn("average_bits_best_val_epoch", ParquetType.Double, Nullable: true),
        new ParquetColumn("dimension_weighted_bits", ParquetType.Double, Nullable: true),
        new ParquetColumn("compression_ratio", ParquetType.Double, Nullable: true),
        new ParquetColumn("speedup", ParquetType.Double, Nullable: true),
        new ParquetColumn("accelerator_cycles", ParquetType.Int64, Nullable: true),
        new ParquetColumn("int4_cycles", ParquetType.Int64, Nullable: true),
        new ParquetColumn("accelerator_energy_pj", ParquetType.Double, Nullable: true),
        new ParquetColumn("epoch_ms", ParquetType.Double, Nullable: true),
        new ParquetColumn("wall_seconds", ParquetType.Double, Nullable: true),
        new ParquetColumn("threads", ParquetType.Int32, Nullable: true),
        new ParquetColumn("code_version", ParquetType.String),
        new ParquetColumn("error", ParquetType.String, Nullable: true),
        new ParquetColumn("finished_at", ParquetType.Timestamp, Nullable: true),
        new ParquetColumn("trace_id", ParquetType.String, Nullable: true));

    public static readonly ParquetSchema CellsSchema = new(
        new ParquetColumn("row", ParquetType.String),
        new ParquetColumn("dataset", ParquetType.String),
        new ParquetColumn("model", ParquetType.String),
        new ParquetColumn("method", ParquetType.String),
        new ParquetColumn("protocol", ParquetType.String),
        new ParquetColumn("metric", ParquetType.String),
        new ParquetColumn("runs_done", ParquetType.Int32),
        new ParquetColumn("runs_planned", ParquetType.Int32),
        new ParquetColumn("runs_failed", ParquetType.Int32),
        new ParquetColumn("accuracy_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("accuracy_std", ParquetType.Double, Nullable: true),
        new ParquetColumn("accuracy_best_val_epoch_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("accuracy_best_val_epoch_std", ParquetType.Double, Nullable: true),
        new ParquetColumn("min_val_loss_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("min_val_loss_std", ParquetType.Double, Nullable: true),
        new ParquetColumn("average_bits_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("compression_ratio_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("speedup_mean", ParquetType.Double, Nullable: true),
        new ParquetColumn("paper_accuracy", ParquetType.Double, Nullable: true),
        new ParquetColumn("paper_std", ParquetType.Double, Nullable: true),
        new ParquetColumn("paper_average_bits", ParquetType.Double, Nullable: true),
        new ParquetColumn("paper_compression_ratio", ParquetType.Double, Nullable: true),
        new ParquetColumn("paper_speedup", ParquetType.Double, Nullable: true),
        new ParquetColumn("difference", ParquetType.Double, Nullable: true));

    public IReadOnlyList<string> Export(ResultTable table, string outputDirectory)
    {
        string folder = Path.Combine(outputDirectory, $"table={table.Definition.Id}");
        Directory.CreateDirectory(folder);

        var runs = new ParquetTable(RunsSchema);
        foreach (var r in table.Runs)
        {
            runs.AddRow(
                r.Key, r.Row, r.Spec.Dataset, r.Spec.Model, r.Spec.Method, r.Spec.Variant, r.Spec.Seed, r.Spec.Fold, r.State.ToString(), r.Attempts, r.Silo,
                MetricName(r.Metric), r.BestTestAccuracy, r.BestValAccuracy, r.MinValLossMetric, r.BestTestEpoch, r.BestValEpoch, r.MinValLossEpoch, r.AverageBits, r.AverageBitsAtBestVal,
                r.DimensionWeightedBits, r.CompressionRatio, r.Speedup, r.AcceleratorCycles, r.Int4Cycles, r.AcceleratorEnergyPicojoules, r.EpochMilliseconds, r.WallSeconds, r.Threads, r.Spec.CodeVersion, r.Error,
                r.FinishedAt, r.TraceId);
        }

        var cells = new ParquetTable(CellsSchema);
        foreach (var c in table.Cells)
        {
            cells.AddRow(
                c.Row, c.Dataset, c.Model, c.Method, c.Protocol, MetricName(c.Metric), c.Done, c.Planned, c.Failed,
                c.AccuracyMean, c.AccuracyStd, c.BestValAccuracyMean, c.BestValAccuracyStd, c.MinValLossMean, c.MinValLossStd,
                c.AverageBitsMean, c.CompressionRatioMean, c.SpeedupMean,
                c.PaperMetric, c.Paper.Std, c.Paper.AverageBits, c.Paper.CompressionRatio, c.Paper.Speedup, c.Difference);
        }

        string runsPath = Path.Combine(folder, "runs.parquet");
        string cellsPath = Path.Combine(folder, "cells.parquet");
        ParquetWriter.WriteFile(runsPath, runs, compression);
        ParquetWriter.WriteFile(cellsPath, cells, compression);
        return [runsPath, cellsPath];
    }

    /// <summary>The <c>metric</c> column: "accuracy" (the accuracy columns in %) or "mae".</summary>
    private static string MetricName(MetricKind metric) => metric.ToString().ToLowerInvariant();
}
