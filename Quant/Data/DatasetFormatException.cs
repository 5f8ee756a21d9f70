namespace A2Q.Quant.Data;

/// <summary>
/// A dataset file is missing, truncated or holds something other than what the loader expects. The message
/// always starts with the full path of the offending file, so a single line tells the user what to fix.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file the problem was found in.</summary>
    public string FilePath { get; }

    /// <summary>The message without the file path.</summary>
    public string Problem { get; }
}
