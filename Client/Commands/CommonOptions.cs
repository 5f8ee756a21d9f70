using System.CommandLine;

namespace A2Q.Client.Commands;

/// <summary>Options several commands share, with one definition each.</summary>
internal static class CommonOptions
{
    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads for the engine's kernels (results do not depend on it)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<string?> DataDirectory() => new("--data-dir")
    {
        Description = "Dataset root (default: $A2Q_DATA_DIR, else ~/.a2q/data)",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object as the last line of standard output",
    };
}
