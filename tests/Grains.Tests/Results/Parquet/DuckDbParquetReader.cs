using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>
/// Reads Parquet files with DuckDB through tests/Grains.Tests/Conformance/read_parquet.mjs (Node + @duckdb/node-api),
/// so our writer is judged by an independent reader. Missing Node or DuckDB is an error, never a skip.
/// </summary>
internal static class DuckDbParquetReader
{
    private const string ConformanceFolder = "tests/Grains.Tests/Conformance";
    private const string InstallHint =
        "run `npm install --no-audit --no-fund --prefix " + ConformanceFolder + "` from the repository root " +
        "(.ci/run does this before the tests)";

    /// <summary>One JSON object per path, in order: path, columns, rows, schema, chunks, file (see read_parquet.mjs).</summary>
    public static IReadOnlyList<JsonElement> Read(IReadOnlyList<string> paths)
    {
        var folder = LocateConformanceFolder();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("read_parquet.mjs");
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The Parquet conformance tests run DuckDB under Node.js, but `node` could not be started ({exception.Message}). " +
                $"Install Node.js 20 or later, then {InstallHint}.", exception);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("read_parquet.mjs did not finish within 2 minutes.");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"DuckDB could not read the files (read_parquet.mjs exited with {process.ExitCode}):\n{error.Result}");
            }
            using var document = JsonDocument.Parse(output.Result);
            return document.RootElement.EnumerateArray().Select(file => file.Clone()).ToList();
        }
    }

    private static string LocateConformanceFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "A2Q.Cluster.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new InvalidOperationException(
                "The Parquet conformance tests look for A2Q.Cluster.sln above the test binaries to find " +
                ConformanceFolder + ", and found none; run them from a checkout of the repository.");
        }

        var folder = Path.Combine(directory.FullName, ConformanceFolder);
        if (!File.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api", "package.json")))
        {
            throw new InvalidOperationException(
                $"The Parquet conformance tests need DuckDB for Node (@duckdb/node-api) in {ConformanceFolder}/node_modules: {InstallHint}.");
        }
        return folder;
    }
}
