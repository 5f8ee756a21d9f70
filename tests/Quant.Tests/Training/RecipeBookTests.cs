using A2Q.Quant.Autograd;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

public class RecipeBookTests
{
    [Theory]
    [InlineData("Cora", "GCN")]
    [InlineData("Cora", "GAT")]
    [InlineData("Cora", "GIN")]
    [InlineData("CiteSeer", "GCN")]
    [InlineData("CiteSeer", "GIN")]
    [InlineData("CiteSeer", "GAT")]
    public void EmbeddedBookHasTheAuthorsFp32RecipeForEveryPaperCell(string dataset, string model)
    {
        var recipe = RecipeBook.Embedded().Find(dataset, model, "FP32");
        Assert.Equal("authors", recipe.Variant);
        Assert.False(recipe.NormalizeFeatures);
        Assert.False(string.IsNullOrWhiteSpace(recipe.Source));
    }

    [Fact]
    public void AuthorsGatRecipeCarriesTheirSettings()
    {
        var gat = RecipeBook.Embedded().Find("cora", "gat", "fp32");
        Assert.Equal(250, gat.Epochs);
        Assert.Equal(8, gat.Heads);
        Assert.Equal(0.6f, gat.AttentionDropout);
        Assert.Equal(LossKind.CrossEntropyOnSoftmax, gat.Loss);
    }

    [Fact]
    public void MergedBenchRecipesInheritTheirAnchor()
    {
        var citeseer = RecipeBook.Embedded().Find("CiteSeer", "GIN", "FP32", "pytorch-bench");
        Assert.Equal(64, citeseer.Hidden);
        Assert.Equal([64], citeseer.GinMlpHidden);
        Assert.True(citeseer.NormalizeFeatures);
    }

    [Fact]
    public void Table3ControlsChangeOnlyThePenaltyAndWhatTrains()
    {
        var book = RecipeBook.Embedded();
        var global = book.Find("CiteSeer", "GCN", "A2Q-global");
        var q = global.Quantization!;
        Assert.Equal(QuantizerGradient.Task, q.FeatureGradient);
        Assert.Equal(1.5f, q.MemoryPenalty);

        AssertSameExcept(global, book.Find("CiteSeer", "GCN", "A2Q-global-no-penalty"), q with { MemoryPenalty = 0f });
        AssertSameExcept(
            global, book.Find("CiteSeer", "GCN", "A2Q-no-lr"), q with { MemoryPenalty = 0f, TrainFeatureSteps = false, TrainFeatureBits = false });

        var bitsOnly = book.Find("Cora", "GIN", "A2Q-no-lr-s");
        Assert.Equal(2f, bitsOnly.Quantization!.MemoryPenalty);
        AssertSameExcept(bitsOnly, book.Find("Cora", "GIN", "A2Q-no-lr-s-no-penalty"), bitsOnly.Quantization with { MemoryPenalty = 0f });
        AssertSameExcept(bitsOnly, book.Find("Cora", "GIN", "A2Q-no-lr-s-frozen-steps"), bitsOnly.Quantization with { TrainWeightSteps = false, TrainProductSteps = false });

        var nothing = book.Find("Cora", "GIN", "A2Q-no-lr");
        Assert.False(nothing.Quantization!.TrainFeatureSteps || nothing.Quantization.TrainFeatureBits);
        AssertSameExcept(nothing, book.Find("Cora", "GIN", "A2Q-no-lr-frozen-steps"), nothing.Quantization with { TrainWeightSteps = false, TrainProductSteps = false });
    }

    [Theory]
    [InlineData("Cora", "GCN", "original")]
    [InlineData("CiteSeer", "GCN", "original")]
    [InlineData("Cora", "GCN", "pyg")]
    [InlineData("CiteSeer", "GCN", "pyg")]
    [InlineData("Cora", "GAT", "original")]
    public void EachDqControlQuantizesExactlyTheFp32ModelBesideIt(string dataset, string model, string setting)
    {
        var book = RecipeBook.Embedded();
        var fp32 = book.Find(dataset, model, $"FP32-{setting}");
        var dq = book.Find(dataset, model, $"DQ-{setting}");
        Assert.Null(fp32.DegreeQuant);

        // node-dq.yaml's DQ settings, the only difference from the FP32 run
        Assert.Equal(book.Find(dataset, model, "DQ").DegreeQuant, dq.DegreeQuant);
        Assert.Equal(fp32 with { Method = dq.Method, Source = dq.Source, DegreeQuant = dq.DegreeQuant }, dq);
    }

    [Fact]
    public void QuantizedInputControlsDifferFromTheirAnchorOnlyThere()
    {
        var book = RecipeBook.Embedded();
        foreach (var (dataset, model, anchorMethod, controlMethod) in new[]
        {
            ("Cora", "GAT", "DQ", "DQ-quantized-input"),
            ("Cora", "GCN", "DQ-pyg", "DQ-pyg-quantized-input"),
            ("CiteSeer", "GCN", "DQ-pyg", "DQ-pyg-quantized-input"),
        })
        {
            var anchor = book.Find(dataset, model, anchorMethod);
            var control = book.Find(dataset, model, controlMethod);
            Assert.True(control.DegreeQuant!.QuantizeFirstLayerInput);
            var expected = anchor with { Method = control.Method, Source = control.Source, DegreeQuant = anchor.DegreeQuant! with { QuantizeFirstLayerInput = true } };
            Assert.Equal(expected, control);
        }
    }

    [Fact]
    public void FrozenStepControlsLeaveEveryStepSizeOutOfTheOptimizer()
    {
        var book = RecipeBook.Embedded();
        var graph = TestGraphs.SmallInput();
        foreach (var (method, bitsTrain) in new[] { ("A2Q-no-lr-frozen-steps", false), ("A2Q-no-lr-s-frozen-steps", true) })
        {
            var recipe = book.Find("Cora", "GIN", method);
            var model = NodeModelFactory.Create(recipe, graph, featureCount: 6, classCount: 3, new SeededRandom(1));
            var optimized = Trainer.ParameterGroups(recipe, model).SelectMany(g => g.Parameters).ToList();
            ParameterRole[] steps = [ParameterRole.FeatureStepSize, ParameterRole.WeightStepSize, ParameterRole.ProductStepSize];
            Assert.Contains(model.Parameters(), p => p.Role == ParameterRole.WeightStepSize);
            Assert.Contains(model.Parameters(), p => p.Role == ParameterRole.ProductStepSize);
            Assert.DoesNotContain(optimized, p => steps.Contains(p.Role));
            Assert.Equal(bitsTrain, optimized.Any(p => p.Role == ParameterRole.FeatureBitWidth));
            Assert.Contains(optimized, p => p.Role == ParameterRole.Weight);
        }

        // The anchor (method A2Q-no-lr) still learns its weight and X·W steps.
        var anchor = book.Find("Cora", "GIN", "A2Q-no-lr");
        var anchorModel = NodeModelFactory.Create(anchor, graph, featureCount: 6, classCount: 3, new SeededRandom(1));
        var anchorOptimized = Trainer.ParameterGroups(anchor, anchorModel).SelectMany(g => g.Parameters).ToList();
        Assert.Contains(anchorOptimized, p => p.Role == ParameterRole.WeightStepSize);
        Assert.Contains(anchorOptimized, p => p.Role == ParameterRole.ProductStepSize);
    }

    /// <summary>The control is the anchor recipe with only its name, source and quantization settings replaced.</summary>
    private static void AssertSameExcept(NodeRecipe anchor, NodeRecipe control, QuantizationRecipe expected)
    {
        // Records compare arrays by reference: give both sides the anchor's arrays before comparing.
        var actual = control.Quantization! with
        {
            QuantizedFeatureLayers = expected.QuantizedFeatureLayers,
            UnsignedFeatureLayers = expected.UnsignedFeatureLayers,
        };
        Assert.Equal(anchor.Quantization!.QuantizedFeatureLayers, control.Quantization!.QuantizedFeatureLayers);
        Assert.Equal(anchor.Quantization.UnsignedFeatureLayers, control.Quantization.UnsignedFeatureLayers);
        Assert.Equal(expected, actual);
        Assert.Equal(anchor with { Method = control.Method, Source = control.Source, Quantization = control.Quantization }, control);
    }

    [Fact]
    public void SageA2qRecipeQuantizesTheHiddenInputPerNodeAndLeavesTheBagOfWordsFloat()
    {
        var recipe = RecipeBook.Embedded().Find("Cora", "SAGE", "A2Q");
        var graph = TestGraphs.SmallInput();

        var model = NodeModelFactory.Create(recipe, graph, featureCount: 6, classCount: 3, new SeededRandom(1));

        var features = Assert.Single(BitStatistics.FeatureQuantizers(model));
        Assert.Equal("conv2.fea_quant", features.Name);
        Assert.Equal(recipe.Hidden, features.FeatureDimension);
        Assert.Equal(graph.NodeCount, features.Quantizer.Groups);
        Assert.Null(((SageConv)model.Layers[0]).FeatureQuantizer);
        Assert.All(model.Layers.Cast<SageConv>(), l => Assert.NotNull(l.ProductQuantizer));
    }

    [Fact]
    public void UnknownRecipeNamesWhatIsAvailable()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => RecipeBook.Embedded().Find("Cora", "GCN", "A9Q"));
        Assert.Contains("method A9Q", e.Message);
        Assert.Contains("Cora/GCN/FP32", e.Message);
    }

    [Fact]
    public void UnknownKeyIsAnErrorNamingFileAndLine()
    {
        const string yaml = "recipes:\n  - dataset: Cora\n    model: GCN\n    learningrate: 0.1\n";
        var e = Assert.Throws<FormatException>(() => RecipeBook.Parse(yaml, "my.yaml"));
        Assert.StartsWith("my.yaml: line 4", e.Message);
    }

    [Fact]
    public void OutOfRangeValueNamesRecipeAndField()
    {
        var recipes = RecipeBook.Parse("recipes:\n  - dataset: Cora\n    model: GCN\n    dropout: 1.5\n", "x.yaml");
        var e = Assert.Throws<ArgumentException>(() => new RecipeBook(recipes));
        Assert.Contains("Cora/GCN/FP32/authors", e.Message);
        Assert.Contains("dropout", e.Message);
    }

    [Fact]
    public void DuplicateRecipesAreRejected()
    {
        var recipes = RecipeBook.Parse("recipes:\n  - dataset: Cora\n    model: GCN\n  - dataset: cora\n    model: GCN\n", "x.yaml");
        Assert.Throws<ArgumentException>(() => new RecipeBook(recipes));
    }
}
