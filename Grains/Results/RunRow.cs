using System.Text.Json;
using A2Q.Grains.Abstractions;
using A2Q.Grains.Tables;

namespace A2Q.Grains.Results;

/// <summary>
/// One run as the results tables report it: the store's record with its result parsed. The test metric under each
/// protocol is an accuracy in % or, where <see cref="Metric"/> is <see cref="MetricKind.Mae"/>, the MAE (lower is
/// better); <see cref="MinValLossMetric"/> exists for graph-level runs only.
/// </summary>
public sealed record RunRow(
    string Key,
    int Table,
    string Row,
    RunSpec Spec,
    RunState State,
    int Attempts,
    string? Silo,
    double? BestTestAccuracy,
    double? BestValAccuracy,
    int? BestTestEpoch,
    int? BestValEpoch,
    double? AverageBits,
    double? AverageBitsAtBestVal,
    double? DimensionWeightedBits,
    double? CompressionRatio,
    double? Speedup,
    long? AcceleratorCycles,
    long? Int4Cycles,
    double? AcceleratorEnergyPicojoules,
    double? EpochMilliseconds,
    double? WallSeconds,
    int? Threads,
    string? Error,
    DateTimeOffset? FinishedAt,
    string? TraceId,
    MetricKind Metric = MetricKind.Accuracy,
    double? MinValLossMetric = null,
    int? MinValLossEpoch = null)
{
    public static RunRow From(RunRecord record, int table)
    {
        double? D(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        int? I(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        long? L(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        string? traceId = record.TraceParent is { Length: >= 35 } tp ? tp.Split('-') is { Length: 4 } p ? p[1] : null : null;
        if (record.ResultJson is null)
        {
            return new RunRow(record.Key, table, record.Spec.Row, record.Spec, record.State, record.Attempts, record.LeaseOwner,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, record.Error, record.FinishedAt, traceId);
        }

        using var json = JsonDocument.Parse(record.ResultJson);
        var r = json.RootElement;
        // Node-level results name accuracies; graph-level ones a metric and its kind (GraphRunResult).
        bool graphLevel = r.TryGetProperty("metric", out var kind) && kind.ValueKind == JsonValueKind.String;
        var metric = graphLevel && kind.GetString() == "mae" ? MetricKind.Mae : MetricKind.Accuracy;
        double scale = metric == MetricKind.Mae ? 1 : 100;
        return new RunRow(
            record.Key, table, record.Spec.Row, record.Spec, record.State, record.Attempts,
            r.TryGetProperty("silo", out var silo) ? silo.GetString() : record.LeaseOwner,
            D(r, graphLevel ? "bestTestMetric" : "bestTestAccuracy") * scale,
            D(r, graphLevel ? "testMetricAtBestValidation" : "testAccuracyAtBestValidation") * scale,
            I(r, "bestTestEpoch"), I(r, "bestValidationEpoch"),
            D(r, "averageBits"), D(r, "averageBitsAtBestValidation"), D(r, "dimensionWeightedAverageBits"), D(r, "compressionRatio"),
            D(r, "speedup"), L(r, "acceleratorCycles"), L(r, "int4Cycles"), D(r, "acceleratorEnergyPicojoules"),
            D(r, "epochMilliseconds"), D(r, "wallSeconds"), I(r, "threads"),
            record.Error, record.FinishedAt, traceId,
            metric, D(r, "testMetricAtMinValidationLoss") * scale, I(r, "minValidationLossEpoch"));
    }
}
