using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

public class DegreeQuantMaskTests
{
    [Theory]
    [InlineData("GCN")]
    [InlineData("GAT")]
    [InlineData("GIN")]
    public void NodeLevelDqDrawsOneMaskPerLayerAndEachIsItsOwnDraw(string model)
    {
        var recipe = RecipeBook.Embedded().Find("Cora", model, "DQ");
        Assert.True(recipe.DegreeQuant!.MaskPerLayer);
        var graph = TestGraphs.SmallInput();
        var classifier = NodeModelFactory.Create(recipe, graph, featureCount: 6, classCount: 3, new SeededRandom(1));
        Assert.Equal(recipe.Layers, classifier.ProtectiveMasks.Count);
        Assert.Equal(classifier.ProtectiveMasks.Count, classifier.ProtectiveMasks.Distinct().Count());

        var shared = recipe with { DegreeQuant = recipe.DegreeQuant with { MaskPerLayer = false } };
        Assert.Single(NodeModelFactory.Create(shared, graph, featureCount: 6, classCount: 3, new SeededRandom(1)).ProtectiveMasks);

        // Training forwards draw every mask; over a few forwards the two layers' draws differ somewhere.
        var features = SparseMatrix.FromDense(GradientCheck.Random(graph.NodeCount, 6, 5));
        using var compute = new ComputeContext(1);
        classifier.Train();
        bool differ = false;
        for (int i = 0; i < 20 && !differ; i++)
        {
            using var tape = new Tape(compute);
            classifier.Forward(tape, features, graph);
            differ = !classifier.ProtectiveMasks[0].Current.SequenceEqual(classifier.ProtectiveMasks[1].Current);
        }

        Assert.True(differ);

        // Evaluation clears every mask: all of the graph is quantized.
        classifier.Eval();
        using (var tape = new Tape(compute))
        {
            classifier.Forward(tape, features, graph);
        }

        Assert.All(classifier.ProtectiveMasks, m => Assert.DoesNotContain(true, m.Current));
    }

    [Fact]
    public void AGraphLevelRecipeRejectsAMaskPerLayer()
    {
        var recipe = RecipeBook.Embedded().FindGraph("REDDIT-BINARY", "GIN", "DQ");
        var perLayer = recipe with { DegreeQuant = recipe.DegreeQuant! with { MaskPerLayer = true } };
        var e = Assert.Throws<ArgumentException>(perLayer.Validate);
        Assert.Contains("degreeQuant.maskPerLayer", e.Message);
    }
}
