using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

public class DegreeQuantFirstLayerInputTests
{
    [Theory]
    [InlineData("GCN")]
    [InlineData("GAT")]
    public void TheFirstLayersInputStaysAsItIsUnlessTheRecipeAsks(string model)
    {
        // A.6: the 0/1 inputs of Cora and CiteSeer are not quantized, "as DQ"; the switch gives DQ's released layers.
        var recipe = RecipeBook.Embedded().Find("Cora", model, "DQ");
        Assert.False(recipe.DegreeQuant!.QuantizeFirstLayerInput);
        var graph = TestGraphs.SmallInput();
        Assert.Null(InputQuantizer(NodeModelFactory.Create(recipe, graph, featureCount: 6, classCount: 3, new SeededRandom(1))));

        var on = recipe with { DegreeQuant = recipe.DegreeQuant with { QuantizeFirstLayerInput = true } };
        Assert.NotNull(InputQuantizer(NodeModelFactory.Create(on, graph, featureCount: 6, classCount: 3, new SeededRandom(1))));
    }

    [Fact]
    public void OnlyGcnAndGatTakeTheSwitch()
    {
        // GIN's first Linear quantizes its (aggregated) input in any case.
        var recipe = RecipeBook.Embedded().Find("Cora", "GIN", "DQ");
        var on = recipe with { DegreeQuant = recipe.DegreeQuant! with { QuantizeFirstLayerInput = true } };
        var e = Assert.Throws<ArgumentException>(on.Validate);
        Assert.Contains("degreeQuant.quantizeFirstLayerInput", e.Message);
    }

    [Fact]
    public void TheClassifierQuantizesTheInputAfterItsDropoutWithTheFirstLayersMask()
    {
        // GAT-Cora's DQ recipe drops 60 % of the input: in training the quantizer observes the kept, rescaled entries.
        var recipe = RecipeBook.Embedded().Find("Cora", "GAT", "DQ-quantized-input");
        Assert.Equal(0.6f, recipe.InputDropout);
        var graph = TestGraphs.SmallInput();
        var classifier = NodeModelFactory.Create(recipe, graph, featureCount: 6, classCount: 3, new SeededRandom(1));
        var quantizer = InputQuantizer(classifier)!;
        var ones = new Tensor(graph.NodeCount, 6);
        ones.Span.Fill(1f);
        using var compute = new ComputeContext(1);
        classifier.Train();
        using (var tape = new Tape(compute))
        {
            classifier.Forward(tape, SparseMatrix.FromDense(ones), graph);
        }

        // Every entry is stored, so the 99th percentile is a kept word, 1/(1 − 0.6) = 2.5.
        Assert.Equal(2.5f, quantizer.Observer.Max, 5);
        Assert.Equal(0f, quantizer.Observer.Min);

        var noDropout = NodeModelFactory.Create(recipe with { InputDropout = 0f }, graph, featureCount: 6, classCount: 3, new SeededRandom(1));
        noDropout.Train();
        using (var tape = new Tape(compute))
        {
            noDropout.Forward(tape, SparseMatrix.FromDense(ones), graph);
        }

        Assert.Equal((1f, 1f), (InputQuantizer(noDropout)!.Observer.Min, InputQuantizer(noDropout)!.Observer.Max));
    }

    [Fact]
    public void AGraphLevelRecipeRejectsTheSwitch()
    {
        var recipe = RecipeBook.Embedded().FindGraph("REDDIT-BINARY", "GIN", "DQ");
        var on = recipe with { DegreeQuant = recipe.DegreeQuant! with { QuantizeFirstLayerInput = true } };
        var e = Assert.Throws<ArgumentException>(on.Validate);
        Assert.Contains("degreeQuant.quantizeFirstLayerInput", e.Message);
    }

    private static DqQuantizer? InputQuantizer(A2Q.Quant.Nn.NodeClassifier classifier) =>
        classifier.Modules().OfType<DqQuantizer>().SingleOrDefault(q => q.Name == "conv1.lin.input");
}
