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

    /// <summary>
    /// A list of names, given comma separated or as several tokens. Such an option takes every token up to the
    /// next option it knows, so a mistyped option after it (<c>--methods A2Q --folds 10</c>) would arrive as two
    /// more names; it is reported as the unknown option it is.
    /// </summary>
    public static Option<string[]> NameList(string name, string description, string[]? defaults = null)
    {
        var option = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = true };
        if (defaults is not null)
        {
            option.DefaultValueFactory = _ => defaults;
        }

        option.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-')) is { } stray)
            {
                result.AddError($"{name}: '{stray.Value}' is not an option of this command (see --help)");
            }
        });
        return option;
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object as the last line of standard output",
    };
}
