namespace A2Q.Quant.Data.Folds;

/// <summary>
/// scikit-learn's <c>StratifiedKFold(n_splits, shuffle, random_state)</c> (the algorithm of scikit-learn 0.22 and
/// later; checked against Debian's 1.2.1), reproduced exactly so the folds match the ones the paper's code draws.
/// <c>_make_test_folds</c>: classes are numbered by first appearance; the labels, sorted by that number, are dealt
/// round-robin to the splits to fix how many of each class every split gets; then each class in turn receives its
/// block of split numbers (0,0,…,1,1,…), shuffled by one shared <see cref="NumpyRandomState"/> when asked, in the
/// order its samples appear.
/// </summary>
public sealed class StratifiedKFold
{
    private readonly int splitCount;
    private readonly uint? randomState;

    /// <param name="splitCount">scikit-learn's <c>n_splits</c>, at least 2.</param>
    /// <param name="randomState">The integer <c>random_state</c> for <c>shuffle=True</c>; null for <c>shuffle=False</c>.</param>
    public StratifiedKFold(int splitCount, uint? randomState)
    {
        if (splitCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(splitCount), splitCount, "k-fold cross-validation needs at least 2 splits");
        }

        this.splitCount = splitCount;
        this.randomState = randomState;
    }

    /// <summary>The split each sample is tested in (scikit-learn's <c>test_folds</c>).</summary>
    public int[] TestFolds(ReadOnlySpan<int> labels)
    {
        // Encode classes by order of first appearance, as scikit-learn does through np.unique's return_index.
        var classOfLabel = new Dictionary<int, int>();
        var encoded = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!classOfLabel.TryGetValue(labels[i], out int encodedClass))
            {
                encodedClass = classOfLabel.Count;
                classOfLabel.Add(labels[i], encodedClass);
            }

            encoded[i] = encodedClass;
        }

        int classCount = classOfLabel.Count;
        var classSizes = new int[classCount];
        foreach (int c in encoded)
        {
            classSizes[c]++;
        }

        if (classSizes.All(size => size < splitCount))
        {
            throw new ArgumentException($"n_splits={splitCount} cannot be greater than the number of members in each class");
        }

        // allocation[split, class] = how many of the sorted labels y_order[split::n_splits] belong to the class.
        int[] sortedClasses = encoded.Order().ToArray();
        var allocation = new int[splitCount, classCount];
        for (int i = 0; i < sortedClasses.Length; i++)
        {
            allocation[i % splitCount, sortedClasses[i]]++;
        }

        var random = randomState is uint seed ? new NumpyRandomState(seed) : null;
        var testFolds = new int[labels.Length];
        for (int c = 0; c < classCount; c++)
        {
            var foldsForClass = new List<int>(classSizes[c]);
            for (int split = 0; split < splitCount; split++)
            {
                foldsForClass.AddRange(Enumerable.Repeat(split, allocation[split, c]));
            }

            int[] folds = foldsForClass.ToArray();
            random?.Shuffle<int>(folds);
            int next = 0;
            for (int i = 0; i < encoded.Length; i++)
            {
                if (encoded[i] == c)
                {
                    testFolds[i] = folds[next++];
                }
            }
        }

        return testFolds;
    }

    /// <summary>The test indices of each split, ascending (what <c>split()</c> yields as the second array).</summary>
    public int[][] TestSplits(ReadOnlySpan<int> labels)
    {
        int[] testFolds = TestFolds(labels);
        return Enumerable.Range(0, splitCount)
            .Select(split => Enumerable.Range(0, testFolds.Length).Where(i => testFolds[i] == split).ToArray())
            .ToArray();
    }
}
