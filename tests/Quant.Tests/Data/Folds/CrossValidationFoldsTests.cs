using A2Q.Quant.Data;
using A2Q.Quant.Data.Folds;
using Xunit;

namespace A2Q.Quant.Tests.Data.Folds;

public class CrossValidationFoldsTests
{
    private static int[][] AuthorsTestSplits() =>
        FoldFixtures.DataLines("reddit_binary_folds.txt").Select(line => FoldFixtures.Integers(line.Split(' '))).ToArray();

    [Fact]
    public void RealRedditBinaryFoldsEqualTheAuthorsExactly()
    {
        string root = RealGraphData.RequireRoot("reddit-binary/REDDIT-BINARY.zip");
        var dataset = RedditBinary.Load(root);
        int[][] expectedTests = AuthorsTestSplits();

        var folds = CrossValidationFolds.Create(dataset);

        Assert.Equal(10, folds.Count);
        for (int fold = 0; fold < 10; fold++)
        {
            Assert.Equal(expectedTests[fold], folds[fold].TestIndex);
            Assert.Equal(expectedTests[(fold + 9) % 10], folds[fold].ValidationIndex);
            Assert.Equal(2000 - 400, folds[fold].TrainIndex.Length);
            Assert.Equal(200, folds[fold].TestIndex.Length);
            Assert.Equal(100, folds[fold].TestIndex.Count(g => dataset.Samples[g].Label.ClassIndex == 1));
        }
    }

    [Fact]
    public void FoldZeroValidatesOnTheLastSplitAndTrainsOnTheRestInOrder()
    {
        int[] labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1];

        var folds = CrossValidationFolds.Create(labels, foldCount: 3, seed: 1);

        int[][] splits = new StratifiedKFold(3, 1).TestSplits(labels);
        Assert.Equal(splits[0], folds[0].TestIndex);
        Assert.Equal(splits[2], folds[0].ValidationIndex);
        Assert.Equal(splits[1], folds[0].TrainIndex);
        Assert.Equal(splits[0], folds[1].ValidationIndex);
        foreach (var fold in folds)
        {
            fold.Validate(labels.Length);
            Assert.Equal(labels.Length, fold.TrainIndex.Length + fold.ValidationIndex.Length + fold.TestIndex.Length);
        }
    }
}
