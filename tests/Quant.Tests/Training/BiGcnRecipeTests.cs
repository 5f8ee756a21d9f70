using A2Q.Quant.Data;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Data;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

/// <summary>Table 16's Bi-GCN baseline (node-bigcn.yaml): what the recipe builds and what a run reports.</summary>
public class BiGcnRecipeTests
{
    [Fact]
    public void EveryLayerBinarizesItsInputPerNodeAndItsWeightsPerOutputUnit()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "Bi-GCN");
        var model = NodeModelFactory.Create(recipe, TestGraphsInput(), featureCount: 12, classCount: 3, new SeededRandom(0));

        Assert.Equal(2, model.Layers.Count);
        var linears = model.Modules().OfType<QLinear>().ToList();
        Assert.Equal(2, linears.Count);
        Assert.All(linears, l =>
        {
            var features = Assert.IsType<BinaryQuantizer>(l.FeatureQuantizer);
            Assert.Equal((QuantizerAxis.PerRow, BinarizeGradient.ClippedStraightThrough), (features.Axis, features.Gradient));
            var weights = Assert.IsType<BinaryQuantizer>(l.WeightQuantizer);
            Assert.Equal((QuantizerAxis.PerColumn, BinarizeGradient.WithScale), (weights.Axis, weights.Gradient));
        });

        // The input batch norm has no learned scale or shift, so it adds no parameter.
        var norm = Assert.Single(model.Modules().OfType<BatchNorm1d>());
        Assert.Null(norm.Gamma);
        Assert.DoesNotContain(model.Parameters(), p => p.Name.StartsWith("input_norm", StringComparison.Ordinal));
    }

    [Fact]
    public void BinarizeIsRefusedOutsideGcn()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "Bi-GCN") with { Model = Architecture.GIN };
        var error = Assert.Throws<ArgumentException>(() => NodeModelFactory.Create(recipe, TestGraphsInput(), 12, 3, new SeededRandom(0)));
        Assert.Contains("binarize (Bi-GCN) is for GCN", error.Message);
    }

    [Fact]
    public void ARunOnCoraReadsOneBitAnd32xAndIsTheSameAtOneAndTwoThreads()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "Bi-GCN") with { Epochs = 8 };
        var data = new PreparedNodeData(Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora"), normalizeFeatures: false);

        var one = new Trainer(threads: 1).Run(recipe, data, seed: 3);
        var two = new Trainer(threads: 2).Run(recipe, data, seed: 3);

        Assert.Equal(1.0, one.AverageBits);
        Assert.Equal(32.0, one.CompressionRatio);
        Assert.Empty(one.LayerBits);
        Assert.Equal(one.ParameterChecksum, two.ParameterChecksum);
        Assert.Equal(one.BestTestAccuracy, two.BestTestAccuracy);
    }

    private static GraphInput TestGraphsInput() => Autograd.TestGraphs.SmallInput();
}
