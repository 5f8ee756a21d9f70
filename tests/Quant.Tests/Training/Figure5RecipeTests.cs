using System.Text.Json;
using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Data;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

/// <summary>Figure 5's "manual" and "mixed-precision" recipes (node-figure5.yaml) and what they switch on.</summary>
public class Figure5RecipeTests
{
    [Theory]
    [InlineData("Cora", "GCN")]
    [InlineData("CiteSeer", "GIN")]
    public void ManualIsTheA2qRecipeWithBitsAssignedAndFrozen(string dataset, string model)
    {
        var book = RecipeBook.Embedded();
        var manual = book.Find(dataset, model, "A2Q-manual");
        var learned = book.Find(dataset, model, "A2Q");

        Assert.False(manual.Quantization!.TrainFeatureBits);
        Assert.True(manual.Quantization.TrainFeatureSteps);
        var expected = learned with
        {
            Method = manual.Method,
            Source = manual.Source,
            Quantization = learned.Quantization! with { TrainFeatureBits = false, FeatureBitsByInDegree = manual.Quantization.FeatureBitsByInDegree },
        };
        Assert.Equal(Json(expected), Json(manual));
    }

    [Theory]
    [InlineData("Cora", "GCN")]
    [InlineData("CiteSeer", "GIN")]
    public void MixedPrecisionIsTheDqRecipeWithFiveAndThreeBitsByInDegree(string dataset, string model)
    {
        var book = RecipeBook.Embedded();
        var mixed = book.Find(dataset, model, "DQ-mixed");
        var dq = book.Find(dataset, model, "DQ");

        Assert.Equal(new InDegreeBitAssignment { HighBits = 5, LowBits = 3, HighFraction = 0.5 }, mixed.DegreeQuant!.NodeBitsByInDegree);
        var expected = dq with
        {
            Method = mixed.Method,
            Source = mixed.Source,
            DegreeQuant = dq.DegreeQuant! with { NodeBitsByInDegree = mixed.DegreeQuant.NodeBitsByInDegree },
        };
        Assert.Equal(Json(expected), Json(mixed));
    }

    [Fact]
    public void ManualGcnKeepsItsAssignedBitsThroughTrainingAndReportsTheirAverage()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "A2Q-manual") with { Epochs = 5 };
        var data = Cora();
        var assigned = recipe.Quantization!.FeatureBitsByInDegree!.Assign(data.Graph.Graph.InDegrees());

        var result = new Trainer(threads: 2).Run(recipe, data, seed: 0);

        var layer = Assert.Single(result.LayerBits);
        Assert.Equal(assigned.Select(b => b + 1), layer.Bits); // stored b = the authors' count + 1
        Assert.Equal(assigned.Average(), result.AverageBits, 12);
    }

    [Fact]
    public void ManualFeatureBitsAreInNoOptimizerGroupButTheirStepsAre()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "A2Q-manual");
        var data = Cora();
        var model = NodeModelFactory.Create(recipe, data.Graph, data.Dataset.FeatureCount, data.Dataset.ClassCount, new SeededRandom(0));

        var optimized = Trainer.ParameterGroups(recipe, model).SelectMany(g => g.Parameters).ToList();
        var quantizer = Assert.Single(BitStatistics.FeatureQuantizers(model)).Quantizer;
        Assert.DoesNotContain(quantizer.BitWidth, optimized);
        Assert.Contains(quantizer.StepSize, optimized);
    }

    [Fact]
    public void MixedPrecisionDqReportsTheMeanOfItsNodeWidths()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "DQ-mixed") with { Epochs = 3 };

        var result = new Trainer(threads: 2).Run(recipe, Cora(), seed: 0);

        Assert.Equal(4.0, result.AverageBits, 12); // 1354 of Cora's 2708 nodes at 5 bits, 1354 at 3
        Assert.Equal(8.0, result.CompressionRatio, 12);
    }

    [Fact]
    public void MixedPrecisionDqWithAQuarterAtFiveBitsReportsThreeAndAHalf()
    {
        // Not INT4's 4 bits (the recipe's 50/50 split averages to just that): 677 of 2708 nodes at 5 bits, 2031 at 3.
        var mixed = RecipeBook.Embedded().Find("Cora", "GCN", "DQ-mixed");
        var dq = mixed.DegreeQuant!;
        var recipe = mixed with { Epochs = 3, DegreeQuant = dq with { NodeBitsByInDegree = dq.NodeBitsByInDegree! with { HighFraction = 0.25 } } };

        var result = new Trainer(threads: 2).Run(recipe, Cora(), seed: 0);

        Assert.Equal(3.5, result.AverageBits, 12);
        Assert.Equal(32 / 3.5, result.CompressionRatio, 12);
    }

    [Fact]
    public void MixedPrecisionGivesNodeTensorsTheirWidthsAndLeavesWeightsAndNormalizationAtInt4()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "GCN", "DQ-mixed");
        var data = Cora();
        var model = NodeModelFactory.Create(recipe, data.Graph, data.Dataset.FeatureCount, data.Dataset.ClassCount, new SeededRandom(0));
        var expected = recipe.DegreeQuant!.NodeBitsByInDegree!.Assign(data.Graph.Graph.InDegrees());

        var quantizers = model.Modules().OfType<DqQuantizer>().ToList();
        string[] nodeTensors = [".xw", ".message", ".aggregate", ".update", ".input"];
        var nodes = quantizers.Where(q => nodeTensors.Any(suffix => q.Name.EndsWith(suffix, StringComparison.Ordinal))).ToList();
        var fixedWidth = quantizers.Where(q => q.Name.EndsWith(".weight", StringComparison.Ordinal) || q.Name.EndsWith(".norm", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(nodes);
        Assert.NotEmpty(fixedWidth);
        Assert.Equal(quantizers.Count, nodes.Count + fixedWidth.Count);
        Assert.All(nodes, q => Assert.Equal(expected, q.NodeBits));
        Assert.All(fixedWidth, q => Assert.Null(q.NodeBits));
        Assert.All(fixedWidth, q => Assert.Equal(4, q.Bits));
    }

    private static PreparedNodeData Cora() => new(Planetoid.Load(RealPlanetoidData.RequireDataset("Cora"), "Cora"), normalizeFeatures: false);

    private static string Json(NodeRecipe recipe) => JsonSerializer.Serialize(recipe);
}
