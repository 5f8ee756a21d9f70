using System.Globalization;

namespace A2Q.Quant.Tests.Data.Folds;

/// <summary>
/// The files under Fixtures/folds, written once by make_folds.py there with Debian's numpy and scikit-learn.
/// Lines are "key… : values"; '#' lines are comments.
/// </summary>
internal static class FoldFixtures
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "folds", fileName);

    public static IEnumerable<string> DataLines(string fileName) =>
        File.ReadLines(PathOf(fileName)).Where(line => line.Length > 0 && !line.StartsWith('#'));

    /// <summary>The values after " : " of the line whose keys are <paramref name="keys"/>.</summary>
    public static string[] Values(string fileName, string keys)
    {
        string prefix = keys + " : ";
        string line = DataLines(fileName).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..].Split(' ');
    }

    public static int[] Integers(IEnumerable<string> tokens) =>
        tokens.Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
}
