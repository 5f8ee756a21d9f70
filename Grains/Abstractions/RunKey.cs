namespace A2Q.Grains.Abstractions;

/// <summary>
/// A run's identity, canonical text such as <c>table1/Cora/GCN/A2Q/seed=17</c> (or <c>fold=3</c> for
/// cross-validation). Enqueueing the same key twice is the same run: that is what makes re-running resume.
/// </summary>
public readonly record struct RunKey(string Table, string Dataset, string Model, string Method, string Replica)
{
    public static RunKey ForSeed(string table, string dataset, string model, string method, int seed) =>
        new(table, dataset, model, method, $"seed={seed}");

    public static RunKey ForFold(string table, string dataset, string model, string method, int fold) =>
        new(table, dataset, model, method, $"fold={fold}");

    public static RunKey Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 5 || parts.Any(string.IsNullOrWhiteSpace) || !(parts[4].StartsWith("seed=", StringComparison.Ordinal) || parts[4].StartsWith("fold=", StringComparison.Ordinal)))
        {
            throw new FormatException($"'{text}' is not a run key (expected table/dataset/model/method/seed=N)");
        }

        return new RunKey(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /// <summary>The table cell this run belongs to: everything but the replica.</summary>
    public string Cell => $"{Table}/{Dataset}/{Model}/{Method}";

    public override string ToString() => $"{Table}/{Dataset}/{Model}/{Method}/{Replica}";
}
