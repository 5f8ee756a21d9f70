using A2Q.Quant.Data;

namespace A2Q.Client.Commands;

/// <summary>
/// Turns the errors a user can cause (bad flags, unknown recipes, missing or malformed data, no network)
/// into one line on standard error and a non-zero exit code; anything else is a bug and keeps its stack.
/// </summary>
internal static class CommandErrors
{
    public const int UserError = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is UsageException or KeyNotFoundException or DatasetFormatException or DatasetDownloadException or ArgumentException or FormatException or FileNotFoundException)
        {
            Console.Error.WriteLine($"error: {Describe(e)}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is UsageException or KeyNotFoundException or DatasetFormatException or DatasetDownloadException or ArgumentException or FormatException or FileNotFoundException)
        {
            Console.Error.WriteLine($"error: {Describe(e)}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    /// <summary>The message without .NET's " (Parameter 'x')" suffix, which names a C# parameter, not a flag.</summary>
    public static string Describe(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
}
