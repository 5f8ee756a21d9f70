using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tests.Data.Batching;
using A2Q.Quant.Tests.Support;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

public class GraphTrainerTests
{
    private static readonly GraphSplit PathsAndStarsSplit = new(
        Enumerable.Range(0, 40).ToArray(), Enumerable.Range(40, 10).ToArray(), Enumerable.Range(50, 10).ToArray());

    /// <summary>The REDDIT-BINARY GIN recipe, shrunk: 2 layers of 8, batches of 8, 25 epochs.</summary>
    private static GraphRecipe Gin(string method, string variant = "authors") =>
        RecipeBook.Embedded().FindGraph("REDDIT-BINARY", "GIN", method, variant) with
        {
            Layers = 2,
            Hidden = 8,
            BatchSize = 8,
            Epochs = 25,
            NearestNeighbor = RecipeBook.Embedded().FindGraph("REDDIT-BINARY", "GIN", method, variant).NearestNeighbor with { Groups = 20 },
        };

    private static PreparedGraphData PathsAndStars() => new(SyntheticGraphs.PathsAndStars(60), NodeInputKind.StandardizedDegree);

    [Fact]
    public void FullPrecisionGinTellsPathsFromStars()
    {
        var result = new Trainer(threads: 1).Run(Gin("FP32"), PathsAndStars(), PathsAndStarsSplit, seed: 1);

        Assert.True(result.HigherIsBetter);
        Assert.Equal(1.0, result.BestTestMetric);
        Assert.InRange(result.TestMetricAtMinValidationLoss, 0.8, 1.0);
        Assert.Equal(32, result.AverageBits);
        Assert.Empty(result.LayerBits);
    }

    [Theory]
    [InlineData("FP32", "authors")]
    [InlineData("A2Q", "authors")]
    [InlineData("A2Q", "in-degree-buckets")]
    [InlineData("DQ", "authors")]
    public void RunsAreIdenticalAtOneAndTwoThreads(string method, string variant)
    {
        var recipe = Gin(method, variant) with { Epochs = 4 };
        var data = PathsAndStars();
        var one = new Trainer(threads: 1).Run(recipe, data, PathsAndStarsSplit, seed: 3);
        var two = new Trainer(threads: 2).Run(recipe, data, PathsAndStarsSplit, seed: 3);

        Assert.Equal(one.ParameterChecksum, two.ParameterChecksum);
        Assert.Equal(one.BestTestMetric, two.BestTestMetric);
        Assert.Equal(one.AverageBits, two.AverageBits);
        Assert.NotEqual(one.ParameterChecksum, new Trainer(threads: 1).Run(recipe, data, PathsAndStarsSplit, seed: 4).ParameterChecksum);
    }

    [Fact]
    public void A2qReportsNearestNeighborBitsPerQuantizerAndLearns()
    {
        var result = new Trainer(threads: 2).Run(Gin("A2Q"), PathsAndStars(), PathsAndStarsSplit, seed: 1);

        // Layer 1's first map reads the raw degree (float); every other map quantizes its input, readout included.
        Assert.Equal(
            ["conv1.nn.1.fea_quant", "conv2.nn.0.fea_quant", "conv2.nn.1.fea_quant", "lin1.fea_quant", "lin2.fea_quant"],
            result.LayerBits.Select(l => l.Quantizer));
        Assert.All(result.LayerBits, l => Assert.InRange(l.Bits, 0, 8));
        Assert.Equal(result.LayerBits.Average(l => l.Bits), result.AverageBits, 9);
        Assert.InRange(result.BestTestMetric, 0.9, 1.0);
    }

    [Fact]
    public void DegreeQuantReportsFourBitsAndTracksItsOwnProtocol()
    {
        var reports = new List<EpochReport>();
        var result = new Trainer(threads: 1).Run(Gin("DQ") with { Epochs = 6 }, PathsAndStars(), PathsAndStarsSplit, seed: 2, progress: new SynchronousProgress<EpochReport>(reports.Add));

        Assert.Equal(4, result.AverageBits);

        // Each protocol's figure is the test metric of an epoch that was run: the best test epoch's is the maximum
        // (first of ties), the best validation epoch's follows the reported validation accuracy. The reports carry
        // no validation loss; ProtocolTrackerTests pin the lowest-loss rule itself.
        var test = reports.Select(r => r.TestAccuracy).ToList();
        var validation = reports.Select(r => r.ValidationAccuracy).ToList();
        Assert.Equal(6, reports.Count);
        Assert.Equal((test.IndexOf(test.Max()), test.Max()), (result.BestTestEpoch, result.BestTestMetric));
        Assert.Equal(validation.IndexOf(validation.Max()), result.BestValidationEpoch);
        Assert.Equal(test[result.BestValidationEpoch], result.TestMetricAtBestValidation);
        Assert.Equal(test[result.MinValidationLossEpoch], result.TestMetricAtMinValidationLoss);
        Assert.Equal(result.TestMetricAtMinValidationLoss, result.Metric(EvaluationProtocol.MinValidationLoss));
    }

    [Fact]
    public void RegressionGcnBeatsPredictingTheMeanAndReportsTheMinimumMae()
    {
        var dataset = SyntheticGraphs.TypedPathsRegression(80);
        var recipe = RecipeBook.Embedded().FindGraph("ZINC", "GCN", "FP32") with { Hidden = 16, Layers = 2, BatchSize = 16, Epochs = 30, EmbeddingTypes = 3 };
        var data = new PreparedGraphData(dataset, NodeInputKind.NodeTypes, recipe.EmbeddingTypes);
        var split = dataset.StandardSplit!;

        var result = new Trainer(threads: 1).Run(recipe, data, split, seed: 0);

        double mean = split.TrainIndex.Average(g => dataset.Samples[g].Label.Target);
        double baseline = split.TestIndex.Average(g => Math.Abs(dataset.Samples[g].Label.Target - mean));
        Assert.False(result.HigherIsBetter);
        Assert.True(result.BestTestMetric < 0.6 * baseline, $"MAE {result.BestTestMetric} against the mean predictor's {baseline}");
        Assert.True(result.BestTestMetric <= result.TestMetricAtBestValidation);
    }

    [Fact]
    public void GinOnAnEmbeddedInputQuantizesLayerOneAndKeepsTable12sFixedBits()
    {
        var dataset = SyntheticGraphs.TypedPathsRegression(40);
        var recipe = RecipeBook.Embedded().FindGraph("ZINC", "GIN", "A2Q") with { Hidden = 8, Layers = 2, BatchSize = 16, Epochs = 3, EmbeddingTypes = 3 };
        var result = new Trainer(threads: 1).Run(recipe, new PreparedGraphData(dataset, NodeInputKind.NodeTypes, 3), dataset.StandardSplit!, seed: 0);

        // Bits are not trained (Table 12): signed inputs keep 4 − 1 = 3 bits as the authors count, ReLU outputs 5 − 1 = 4.
        Assert.Equal(
            [("conv1.nn.0.fea_quant", 3.0), ("conv1.nn.1.fea_quant", 4.0), ("conv2.nn.0.fea_quant", 3.0), ("conv2.nn.1.fea_quant", 4.0), ("lin1.fea_quant", 3.0), ("lin2.fea_quant", 4.0)],
            result.LayerBits);
    }

    /// <summary>Table 12's GAT-ZINC recipe, shrunk: 2 layers of 2 heads × 4, batches of 16.</summary>
    private static GraphRecipe GatZinc(string method, int epochs) =>
        RecipeBook.Embedded().FindGraph("ZINC", "GAT", method) with
        {
            Hidden = 4,
            Heads = 2,
            Layers = 2,
            BatchSize = 16,
            Epochs = epochs,
            EmbeddingTypes = 3,
            NearestNeighbor = RecipeBook.Embedded().FindGraph("ZINC", "GAT", method).NearestNeighbor with { Groups = 20 },
        };

    [Theory]
    [InlineData("FP32")]
    [InlineData("A2Q")]
    [InlineData("DQ")]
    public void GatOnZincLearnsAndIsIdenticalAtOneAndTwoThreads(string method)
    {
        var dataset = SyntheticGraphs.TypedPathsRegression(48);
        var data = new PreparedGraphData(dataset, NodeInputKind.NodeTypes, 3);
        var recipe = GatZinc(method, epochs: 12);
        var one = new Trainer(threads: 1).Run(recipe, data, dataset.StandardSplit!, seed: 5);
        var two = new Trainer(threads: 2).Run(recipe, data, dataset.StandardSplit!, seed: 5);

        Assert.Equal(one.ParameterChecksum, two.ParameterChecksum);
        Assert.Equal(one.BestTestMetric, two.BestTestMetric);
        double mean = dataset.StandardSplit!.TrainIndex.Average(g => dataset.Samples[g].Label.Target);
        double baseline = dataset.StandardSplit.TestIndex.Average(g => Math.Abs(dataset.Samples[g].Label.Target - mean));
        Assert.True(one.BestTestMetric < baseline, $"{method}: MAE {one.BestTestMetric} against the mean predictor's {baseline}");
    }

    [Fact]
    public void GatOnZincQuantizesFeaturesAndEdgeLogitsAtFixedFourBits()
    {
        var dataset = SyntheticGraphs.TypedPathsRegression(40);
        var result = new Trainer(threads: 1).Run(GatZinc("A2Q", epochs: 3), new PreparedGraphData(dataset, NodeInputKind.NodeTypes, 3), dataset.StandardSplit!, seed: 0);

        // Every map input, the transformed features and the edge logits per edge: 4 bits, counted as the authors do
        // (round(|b|) − 1 = 3; the readout's second map reads a ReLU output, 5 − 1 = 4).
        Assert.Equal(
            [("conv1.lin.fea_quant", 3.0), ("conv1.q_gat_fea", 3.0), ("conv1.q_gat_edge", 3.0), ("conv2.lin.fea_quant", 3.0), ("conv2.q_gat_fea", 3.0), ("conv2.q_gat_edge", 3.0), ("lin1.fea_quant", 3.0), ("lin2.fea_quant", 4.0)],
            result.LayerBits);
    }

    [Fact]
    public void ALossThatDoesNotFitTheTaskIsNamed()
    {
        var recipe = Gin("FP32") with { Loss = LossKind.L1 };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(1).Run(recipe, PathsAndStars(), PathsAndStarsSplit, seed: 0));
        Assert.Contains("loss L1 does not fit paths-and-stars's Classification task", error.Message);
    }

    [Fact]
    public void EmbeddedGraphRecipesAreValidAndFoundByKey()
    {
        var book = RecipeBook.Embedded();
        Assert.Contains(book.Graphs, r => r.Key == "REDDIT-BINARY/GIN/A2Q/m1500" && r.NearestNeighbor.Groups == 1500);
        Assert.Equal(NearestNeighborSelection.InDegreeDirect, book.FindGraph("reddit-binary", "gin", "a2q", "in-degree-direct").NearestNeighbor.Selection);
        Assert.Equal(EvaluationProtocol.MinValidationLoss, book.FindGraph("REDDIT-BINARY", "GIN", "DQ").Protocol);
        Assert.Equal(PoolingMode.Mean, book.FindGraph("ZINC", "GCN", "A2Q").Readout);
        Assert.False(book.FindGraph("ZINC", "GAT", "A2Q").AddSelfLoops);
        var error = Assert.Throws<KeyNotFoundException>(() => book.FindGraph("ZINC", "SAGE", "A2Q"));
        Assert.Contains("ZINC/GCN/A2Q", error.Message);
    }
}
