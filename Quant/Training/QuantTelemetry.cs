using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace A2Q.Quant.Training;

/// <summary>
/// The engine's traces and metrics (source and meter "A2Q.Quant"): a span per training run with an event per
/// epoch, and the epoch duration. Without a listener they cost one null check.
/// </summary>
public static class QuantTelemetry
{
    public const string Name = "A2Q.Quant";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> EpochDuration =
        Meter.CreateHistogram<double>("a2q.quant.epoch.duration", unit: "ms", description: "Training step plus evaluation pass of one epoch");
}
