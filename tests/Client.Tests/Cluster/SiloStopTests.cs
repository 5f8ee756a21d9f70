using System.Diagnostics;
using A2Q.Grains.Abstractions;
using Xunit;

namespace A2Q.Client.Tests.Cluster;

/// <summary>
/// A real silo process stopped with SIGTERM (as Kubernetes stops a pod) in the middle of a run: it hands the run
/// back to the queue, so another silo takes it at once instead of after the lease runs out, and exits cleanly.
/// </summary>
public sealed class SiloStopTests
{
    [Fact]
    public async Task SigtermMidRunReleasesTheRunAndExitsCleanly()
    {
        await using var temporary = await TemporaryRunStore.CreateAsync("a2q-silo-stop-");
        var store = temporary.Store;
        // Far more epochs than the test waits for: the run is still training when the signal comes.
        var spec = new RunSpec { Key = "stop/Cora/GCN/FP32/seed=0", Dataset = "Cora", Model = "GCN", Method = "FP32", Seed = 0, Epochs = 100_000, Row = "GCN-Cora", CodeVersion = "test" };
        await store.EnqueueAsync("stop", [spec], null, default);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "silo.dll"), "--store", temporary.Uri, "--id", "silo-stopped",
            "--slots", "1", "--threads-per-run", "1", "--port", "0", "--data-dir", ClientProcess.DataDirectory,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var silo = Process.Start(start)!;
        var error = silo.StandardError.ReadToEndAsync();
        var output = silo.StandardOutput.ReadToEndAsync();
        try
        {
            var waited = Stopwatch.StartNew();
            while ((await store.GetAsync(spec.Key, default))!.State != RunState.Leased)
            {
                if (silo.HasExited)
                {
                    Assert.Fail($"the silo ended before it leased the run: {await error}");
                }

                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the run was not leased within a minute");
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromSeconds(1)); // into training, past the dataset load
            using (var term = Process.Start("kill", ["-TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(40)), "the silo did not stop within 40 s of SIGTERM");
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }
        }

        string stderr = await error;
        await output;
        Assert.True(silo.ExitCode == 0, $"exit code {silo.ExitCode}: {stderr}");
        var released = (await store.GetAsync(spec.Key, default))!;
        Assert.Equal((RunState.Pending, 0, null), (released.State, released.Attempts, released.LeaseOwner));
    }
}
