namespace A2Q.Quant.Data;

/// <summary>
/// The graph-level datasets by name, with the loader and the evaluation splits each one uses: 10-fold
/// cross-validation for REDDIT-BINARY, the standard split for ZINC and the superpixel sets.
/// </summary>
public static class GraphDatasets
{
    public const string RedditBinaryName = "REDDIT-BINARY";
    public const string ZincName = "ZINC";

    public static IReadOnlyList<string> Names { get; } = [RedditBinaryName, ZincName, "MNIST", "CIFAR10"];

    /// <summary>True when <paramref name="name"/> names a graph-level dataset (ignoring case).</summary>
    public static bool Contains(string name) => Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    public static string CanonicalName(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown graph-level dataset '{name}'; expected one of {string.Join(", ", Names)}");

    public static GraphDataset Load(string root, string name) => CanonicalName(name) switch
    {
        RedditBinaryName => RedditBinary.Load(root),
        ZincName => Zinc.Load(root),
        var superpixels => GnnBenchmarkSuperpixels.Load(root, superpixels),
    };

    /// <summary>The raw files <see cref="Load"/> reads, so a caller can say what is missing before loading.</summary>
    public static IReadOnlyList<string> RawFiles(string root, string name) => CanonicalName(name) switch
    {
        RedditBinaryName => [Path.Combine(RedditBinary.RawDirectory(root), RedditBinary.ArchiveFileName)],
        ZincName => new[] { Zinc.NodesFileName, Zinc.EdgesFileName, Zinc.LabelsFileName }.Concat(Zinc.SplitIndexFileNames)
            .Select(file => Path.Combine(Zinc.RawDirectory(root), file)).ToList(),
        var superpixels => [Path.Combine(GnnBenchmarkSuperpixels.RawDirectory(root), GnnBenchmarkSuperpixels.FileName(superpixels))],
    };

    /// <summary>Whether the dataset is evaluated by cross-validation (no standard split).</summary>
    public static bool IsCrossValidated(GraphDataset dataset) => dataset.StandardSplit is null;
}
