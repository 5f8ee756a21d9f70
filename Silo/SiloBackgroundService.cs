using Microsoft.Extensions.Hosting;

namespace A2Q.Silo;

/// <summary>Runs the worker for the host's lifetime; the host's stopping token (SIGTERM) stops it.</summary>
internal sealed class SiloBackgroundService(SiloWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
