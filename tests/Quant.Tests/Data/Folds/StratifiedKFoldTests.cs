using A2Q.Quant.Data.Folds;
using Xunit;

namespace A2Q.Quant.Tests.Data.Folds;

public class StratifiedKFoldTests
{
    private const string Fixture = "small_stratified_folds.txt";

    private static int[] SmallLabels => FoldFixtures.Integers(FoldFixtures.Values(Fixture, "labels"));

    [Theory]
    [InlineData(null)]
    [InlineData(0u)]
    [InlineData(12345u)]
    public void MatchesScikitLearnOnUnevenClasses(uint? seed)
    {
        string shuffle = seed is null ? "shuffle=False seed=None" : $"shuffle=True seed={seed}";

        int[][] splits = new StratifiedKFold(4, seed).TestSplits(SmallLabels);

        for (int split = 0; split < 4; split++)
        {
            Assert.Equal(FoldFixtures.Integers(FoldFixtures.Values(Fixture, $"{shuffle} split={split}")), splits[split]);
        }
    }

    [Fact]
    public void WithoutShufflingClassesAreDealtInBlocksInOrderOfAppearance()
    {
        // Classes by first appearance: 5 → 0, 3 → 1. Sorted encoded labels 0 0 0 0 1 1 dealt to splits 0 1 0 1 0 1:
        // split 0 gets two of class 0 and one of class 1, split 1 the same.
        int[] folds = new StratifiedKFold(2, randomState: null).TestFolds([5, 5, 3, 5, 3, 5]);

        Assert.Equal([0, 0, 0, 1, 1, 1], folds);
    }

    [Fact]
    public void EveryClassSmallerThanTheSplitCountIsAnError()
    {
        Assert.Throws<ArgumentException>(() => new StratifiedKFold(3, randomState: null).TestFolds([0, 0, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedKFold(1, randomState: null));
    }
}
