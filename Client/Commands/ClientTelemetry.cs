using System.Diagnostics;

namespace A2Q.Client.Commands;

/// <summary>The client's traces (source "A2Q.Client"): client.reproduce, and client.enqueue whose context each run carries.</summary>
internal static class ClientTelemetry
{
    public static readonly ActivitySource Source = new("A2Q.Client");
}
