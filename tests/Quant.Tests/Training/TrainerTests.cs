using A2Q.Quant.Data;
using A2Q.Quant.Tests.Data;
using A2Q.Quant.Training;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Training;

public class TrainerTests
{
    private static PreparedNodeData Cora(bool normalize) => new(Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora"), normalize);

    private static NodeRecipe Recipe(string model, string variant, int epochs, string method = "FP32") =>
        RecipeBook.Embedded().Find("Cora", model, method, variant) with { Epochs = epochs };

    [Theory]
    [InlineData("GCN", "A2Q")]
    [InlineData("GAT", "A2Q")]
    [InlineData("GIN", "A2Q")]
    [InlineData("GCN", "DQ")]
    [InlineData("GAT", "DQ")]
    [InlineData("GIN", "DQ")]
    public void QuantizedRunsAreAlsoIdenticalAtOneAndTwoThreads(string model, string method)
    {
        var recipe = Recipe(model, "authors", epochs: 8, method);
        var data = Cora(false);
        var one = new Trainer(threads: 1).Run(recipe, data, seed: 5);
        var two = new Trainer(threads: 2).Run(recipe, data, seed: 5);
        Assert.Equal(one.ParameterChecksum, two.ParameterChecksum);
        Assert.Equal(one.BestTestAccuracy, two.BestTestAccuracy);
        Assert.Equal(one.AverageBits, two.AverageBits);
    }

    [Fact]
    public void A2qRunsReportLearnedBitsAndTheirNodes()
    {
        var result = new Trainer(threads: 2).Run(Recipe("GCN", "authors", 60, "A2Q"), Cora(false), seed: 0);
        var layer = Assert.Single(result.LayerBits);
        Assert.Equal(2708, layer.Bits.Length);
        Assert.Equal(16, layer.FeatureDimension);
        // Below the 3 bits (4 stored) every node starts at, and the compression with them (about 10.5x): bits were learned.
        Assert.InRange(result.AverageBits, 0.5, 2.9);
        Assert.True(result.CompressionRatio > 11, $"compression {result.CompressionRatio}");
        Assert.InRange(result.BestTestAccuracy, 0.6, 1.0);
    }

    [Fact]
    public void DegreeQuantRunsReportTheirFixedWidth()
    {
        var result = new Trainer(threads: 2).Run(Recipe("GCN", "authors", 5, "DQ"), Cora(false), seed: 0);
        Assert.Equal(4, result.AverageBits);
        Assert.Equal(8, result.CompressionRatio);
        Assert.Empty(result.LayerBits);
    }

    [Theory]
    [InlineData("GCN", "authors")]
    [InlineData("GAT", "authors")]
    [InlineData("GIN", "authors")]
    [InlineData("GAT", "pytorch-bench")]
    [InlineData("GIN", "pytorch-bench")]
    public void OneSeedGivesIdenticalMetricsAndParametersAtOneAndTwoThreads(string model, string variant)
    {
        var recipe = Recipe(model, variant, epochs: 12);
        var data = Cora(recipe.NormalizeFeatures);
        var one = new Trainer(threads: 1).Run(recipe, data, seed: 3);
        var two = new Trainer(threads: 2).Run(recipe, data, seed: 3);

        Assert.Equal(one.ParameterChecksum, two.ParameterChecksum);
        Assert.Equal(one.FinalTrainingLoss, two.FinalTrainingLoss);
        Assert.Equal(one.BestTestAccuracy, two.BestTestAccuracy);
        Assert.Equal(one.TestAccuracyAtBestValidation, two.TestAccuracyAtBestValidation);
        Assert.Equal(one.BestValidationEpoch, two.BestValidationEpoch);
        Assert.Equal(one.FinalTestAccuracy, two.FinalTestAccuracy);
    }

    [Fact]
    public void TheSeedDecidesTheRun()
    {
        var recipe = Recipe("GCN", "authors", epochs: 10);
        var data = Cora(false);
        var trainer = new Trainer(threads: 1);
        var a = trainer.Run(recipe, data, seed: 1);
        var again = trainer.Run(recipe, data, seed: 1);
        var b = trainer.Run(recipe, data, seed: 2);
        Assert.Equal(a.ParameterChecksum, again.ParameterChecksum);
        Assert.NotEqual(a.ParameterChecksum, b.ParameterChecksum);
    }

    [Fact]
    public void GcnLearnsCoraWithinFortyEpochsAndTracksBothProtocols()
    {
        var recipe = Recipe("GCN", "authors", epochs: 40);
        var reports = new List<EpochReport>();
        var result = new Trainer(threads: 2).Run(recipe, Cora(false), seed: 0, new SynchronousProgress<EpochReport>(reports.Add));

        Assert.InRange(result.BestTestAccuracy, 0.70, 1.0);

        // Each protocol's figure is the test accuracy of the epoch it selects, the first of any tie.
        Assert.Equal(40, reports.Count);
        var test = reports.Select(r => r.TestAccuracy).ToList();
        var validation = reports.Select(r => r.ValidationAccuracy).ToList();
        Assert.Equal((test.IndexOf(test.Max()), test.Max()), (result.BestTestEpoch, result.BestTestAccuracy));
        Assert.Equal(validation.IndexOf(validation.Max()), result.BestValidationEpoch);
        Assert.Equal(validation.Max(), result.BestValidationAccuracy);
        Assert.Equal(test[result.BestValidationEpoch], result.TestAccuracyAtBestValidation);
        Assert.Equal(test[^1], result.FinalTestAccuracy);
        Assert.True(result.EpochMillisecondsMedian > 0 && result.EpochMillisecondsMedian >= result.TrainMillisecondsMedian);
        Assert.True(float.IsFinite(result.FinalTrainingLoss));
    }

    [Fact]
    public void ProgressReportsEveryEpochInOrder()
    {
        var recipe = Recipe("GCN", "authors", epochs: 5);
        var reports = new List<EpochReport>();
        new Trainer(threads: 1).Run(recipe, Cora(false), seed: 0, new SynchronousProgress<EpochReport>(reports.Add));
        Assert.Equal([0, 1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(5, r.Epochs));
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer(threads: 1).Run(Recipe("GCN", "authors", 5), Cora(false), 0, null, cancelled.Token));
    }

    [Fact]
    public void RefusesDataPreparedDifferentlyFromTheRecipe()
    {
        var recipe = Recipe("GCN", "pytorch-bench", epochs: 1);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(1).Run(recipe, Cora(normalize: false), 0));
        Assert.Contains("normalizeFeatures", e.Message);
    }
}
