using System.Diagnostics;
using Xunit;

namespace A2Q.Client.Tests;

/// <summary>Runs the real <c>client</c> executable (built beside the tests) and captures what a user would see.</summary>
internal static class ClientProcess
{
    public static string DataDirectory
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable("A2Q_DATA_DIR");
            if (string.IsNullOrWhiteSpace(root) || !Directory.Exists(Path.Combine(root, "planetoid")))
            {
                Assert.Fail("A2Q_DATA_DIR must point at the raw datasets (with planetoid/) for the client tests");
            }

            return root;
        }
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) => RunIn(null, arguments);

    /// <summary>Runs the client with <paramref name="workingDirectory"/> as its current folder (where its default store lives).</summary>
    public static (int ExitCode, string Output, string Error) RunIn(string? workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"client {string.Join(' ', arguments)} did not finish within 5 minutes");
        }

        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Starts the client without waiting, standard output and error redirected: for tests that signal it mid-run.</summary>
    public static Process Start(string? workingDirectory, params string[] arguments)
    {
        string client = Path.Combine(AppContext.BaseDirectory, "client.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(client);
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }
}
