using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace A2Q.Grains.Telemetry;

/// <summary>
/// Turns on OTLP export for a process (client or silo), configured only by the standard OTEL_* variables:
/// nothing is exported unless OTEL_EXPORTER_OTLP_ENDPOINT (or its _TRACES_/_METRICS_ forms) is set;
/// OTEL_SDK_DISABLED=true, OTEL_TRACES_EXPORTER=none and OTEL_METRICS_EXPORTER=none switch parts off;
/// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name the process. Disposing flushes what is buffered.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    /// <summary>Every ActivitySource and Meter of the product.</summary>
    public static readonly string[] Sources = ["A2Q.Client", "A2Q.Silo", "A2Q.Quant", "A2Q.Simulator"];

    private readonly TracerProvider? tracing;
    private readonly MeterProvider? metrics;

    private TelemetryExport(TracerProvider? tracing, MeterProvider? metrics)
    {
        this.tracing = tracing;
        this.metrics = metrics;
    }

    public bool Enabled => tracing is not null || metrics is not null;

    public static TelemetryExport Start(string defaultServiceName)
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name);
        bool configured = !string.IsNullOrWhiteSpace(Env("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(Env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(Env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
        if (!configured || string.Equals(Env("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new TelemetryExport(null, null);
        }

        var resource = ResourceBuilder.CreateDefault().AddService(Env("OTEL_SERVICE_NAME") ?? defaultServiceName);
        TracerProvider? tracing = null;
        MeterProvider? metrics = null;
        if (!string.Equals(Env("OTEL_TRACES_EXPORTER"), "none", StringComparison.OrdinalIgnoreCase))
        {
            tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources).AddOtlpExporter().Build();
        }

        if (!string.Equals(Env("OTEL_METRICS_EXPORTER"), "none", StringComparison.OrdinalIgnoreCase))
        {
            metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Sources).AddOtlpExporter().Build();
        }

        return new TelemetryExport(tracing, metrics);
    }

    public void Dispose()
    {
        tracing?.ForceFlush(5000);
        metrics?.ForceFlush(5000);
        tracing?.Dispose();
        metrics?.Dispose();
    }
}
