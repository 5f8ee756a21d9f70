namespace A2Q.Quant.Data.Folds;

/// <summary>
/// The cross-validation folds of the A²Q code for REDDIT-BINARY (<c>lr_gin_reddit_binary.py</c>) and of
/// Degree-Quant, both taken from PyG's <c>benchmark/kernel</c> <c>k_fold</c>: the test indices of
/// <c>StratifiedKFold(folds, shuffle=True, random_state=12345)</c> over the graph labels; fold i tests on split i,
/// validates on split i−1 (fold 0 on the last split) and trains on every other graph, ascending.
/// </summary>
public static class CrossValidationFolds
{
    public const int DefaultFoldCount = 10;

    /// <summary>The seed both codebases pass as <c>random_state</c>.</summary>
    public const uint DefaultSeed = 12345;

    public static IReadOnlyList<GraphSplit> Create(GraphDataset dataset, int foldCount = DefaultFoldCount, uint seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Create(dataset.ClassLabels(), foldCount, seed);
    }

    public static IReadOnlyList<GraphSplit> Create(ReadOnlySpan<int> classLabels, int foldCount = DefaultFoldCount, uint seed = DefaultSeed)
    {
        int[][] testSplits = new StratifiedKFold(foldCount, seed).TestSplits(classLabels);
        var folds = new GraphSplit[foldCount];
        for (int fold = 0; fold < foldCount; fold++)
        {
            int[] test = testSplits[fold];
            int[] validation = testSplits[(fold + foldCount - 1) % foldCount];
            var heldOut = new HashSet<int>(test.Concat(validation));
            int[] train = Enumerable.Range(0, classLabels.Length).Where(i => !heldOut.Contains(i)).ToArray();
            folds[fold] = new GraphSplit(train, validation, test);
        }

        return folds;
    }
}
