using System.Globalization;

namespace A2Q.Quant.Data;

/// <summary>
/// Reads a line-oriented dataset file (DGCNN text, TU, ZINC "NEL") and counts lines, so every parse error can say
/// which file and which line is wrong. Entries inside an archive are named after the archive's path.
/// </summary>
internal sealed class TextDataReader : IDisposable
{
    private static readonly char[] Whitespace = [' ', '\t'];

    private readonly TextReader reader;
    private readonly string location;

    /// <param name="reader">Owned: disposed with this reader.</param>
    /// <param name="filePath">The file on disk (the archive, for an entry inside one).</param>
    /// <param name="entryName">The entry inside <paramref name="filePath"/>, when it is an archive.</param>
    public TextDataReader(TextReader reader, string filePath, string? entryName = null)
    {
        this.reader = reader;
        FilePath = filePath;
        location = entryName is null ? string.Empty : $"entry {entryName}, ";
    }

    public string FilePath { get; }

    /// <summary>1-based number of the line last read; 0 before the first.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens a file on disk; a missing file is a <see cref="DatasetFormatException"/> naming it.</summary>
    public static TextDataReader Open(string path, string missingHint)
    {
        try
        {
            return new TextDataReader(new StreamReader(path), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(path, $"the file is missing; {missingHint}", e);
        }
    }

    /// <summary>The next line, or null at the end of the file. Broken compressed data is reported with the line.</summary>
    public string? ReadLine()
    {
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(FilePath, $"{location}the compressed data is corrupt after line {LineNumber}: {e.Message}", e);
        }

        if (line is not null)
        {
            LineNumber++;
        }

        return line;
    }

    /// <summary>The next line that is not blank, split on spaces and tabs, or null at the end of the file.</summary>
    public string[]? ReadTokens() => ReadTokens(Whitespace, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The next line that is not blank, split on <paramref name="separators"/> with tokens trimmed, or null at the end.
    /// Empty tokens are kept, so a stray separator ("1,,2") is reported rather than skipped.
    /// </summary>
    public string[]? ReadTokens(char[] separators) => ReadTokens(separators, StringSplitOptions.TrimEntries);

    private string[]? ReadTokens(char[] separators, StringSplitOptions options)
    {
        while (ReadLine() is string line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line.Split(separators, options);
            }
        }

        return null;
    }

    /// <summary>Like <see cref="ReadTokens()"/>, but the end of the file is an error that says what was still expected.</summary>
    public string[] ReadRequiredTokens(string expected) => ReadTokens() ?? throw Truncated(expected);

    /// <summary>Requires exactly <paramref name="count"/> tokens, described by <paramref name="layout"/>.</summary>
    public void RequireTokenCount(string[] tokens, int count, string layout)
    {
        if (tokens.Length != count)
        {
            throw Error($"expected {count} values ({layout}), found {tokens.Length}: '{string.Join(' ', tokens)}'");
        }
    }

    public int ParseInt(string token, string what) =>
        int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error($"{what} is '{token}', expected an integer");

    public int ParseNonNegativeInt(string token, string what)
    {
        int value = ParseInt(token, what);
        return value >= 0 ? value : throw Error($"{what} is {value}, expected a non-negative integer");
    }

    public float ParseFloat(string token, string what) =>
        float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value)
            ? value
            : throw Error($"{what} is '{token}', expected a finite number");

    /// <summary>Fails when anything but blank lines follows what the header announced.</summary>
    public void RequireEnd(string announced)
    {
        if (ReadTokens() is string[] extra)
        {
            throw Error($"unexpected content after {announced}: '{string.Join(' ', extra)}'");
        }
    }

    /// <summary>A problem on the line last read.</summary>
    public DatasetFormatException Error(string problem) => new(FilePath, $"{location}line {LineNumber}: {problem}");

    /// <summary>The file ended while <paramref name="expected"/> was still to come.</summary>
    public DatasetFormatException Truncated(string expected) =>
        new(FilePath, $"{location}truncated: the file ends after line {LineNumber}, but {expected} was expected");

    public void Dispose() => reader.Dispose();
}
