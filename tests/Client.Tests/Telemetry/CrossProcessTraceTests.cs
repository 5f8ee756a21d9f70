using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace A2Q.Client.Tests.Telemetry;

/// <summary>
/// A client process and a separate silo process, both exporting OTLP (configured only by OTEL_* variables) to
/// a receiver in this test: the silo's spans carry the trace id of the client's, through the traceparent the
/// client stored with each run.
/// </summary>
public sealed class CrossProcessTraceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-trace-").FullName;
    private readonly ConcurrentBag<byte[]> traceRequests = new();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ASiloInAnotherProcessJoinsTheClientsTrace()
    {
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var receiving = ReceiveAsync(listener);

        var otel = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        string store = $"sqlite:{Path.Combine(folder, "runs.db")}";
        using var client = Start("client.dll", otel, "reproduce", "--table", "1", "--rows", "GCN-Cora", "--seeds", "1", "--epochs", "5",
            "--store", store, "--silos", "0", "--out", Path.Combine(folder, "results"), "--data-dir", ClientProcess.DataDirectory);
        await Task.Delay(500);
        using var silo = Start("silo.dll", otel, "--store", store, "--port", "0", "--slots", "1", "--threads-per-run", "1", "--data-dir", ClientProcess.DataDirectory);

        Assert.True(await WaitAsync(client, TimeSpan.FromMinutes(3)), "the client did not finish");
        Assert.Equal(0, client.ExitCode);
        using (var term = Process.Start("kill", $"-TERM {silo.Id}"))
        {
            await term.WaitForExitAsync();
        }

        Assert.True(await WaitAsync(silo, TimeSpan.FromSeconds(30)), "the silo did not stop on SIGTERM");
        listener.Stop();
        await receiving.ContinueWith(_ => { }, TaskScheduler.Default);

        var spans = traceRequests.SelectMany(OtlpSpanReader.Spans).ToList();
        var clientTraces = spans.Where(s => s.Service == "a2q-client" && s.Name == "client.enqueue").Select(s => s.TraceId).ToHashSet();
        var siloSpans = spans.Where(s => s.Service == "a2q-silo").ToList();
        Assert.NotEmpty(clientTraces);
        Assert.Contains(siloSpans, s => s.Name == "silo.lease");
        Assert.Contains(siloSpans, s => s.Name == "quant.train");

        // DQ and A²Q runs are simulated on the accelerator inside the same trace (INT4 baseline and learned bits).
        Assert.Contains(siloSpans, s => s.Name == "simulator.run");
        Assert.All(siloSpans.Where(s => s.Name is "silo.lease" or "quant.train" or "simulator.run" or "silo.commit"), s => Assert.Contains(s.TraceId, clientTraces));
    }

    private async Task ReceiveAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url!.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal))
            {
                traceRequests.Add(body.ToArray());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static Process Start(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
