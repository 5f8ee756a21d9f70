using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training;

/// <summary>Builds the <see cref="NodeClassifier"/> a recipe describes.</summary>
public static class NodeModelFactory
{
    public static NodeClassifier Create(NodeRecipe recipe, int featureCount, int classCount, SeededRandom random)
    {
        if (recipe.LogitsWidth > 0 && recipe.LogitsWidth < classCount)
        {
            throw new ArgumentException($"recipe {recipe.Key}: logitsWidth {recipe.LogitsWidth} is below the {classCount} classes");
        }

        int outputs = recipe.LogitsWidth > 0 ? recipe.LogitsWidth : classCount;
        var layers = new List<MessagePassing>();
        int input = featureCount;
        for (int l = 0; l < recipe.Layers; l++)
        {
            bool last = l == recipe.Layers - 1;
            string name = $"conv{l + 1}";
            MessagePassing layer;
            switch (recipe.Model)
            {
                case Architecture.GCN:
                    layer = new GcnConv(name, input, last ? outputs : recipe.Hidden, recipe.BiasBeforeAggregation);
                    break;
                case Architecture.GIN:
                    var dims = new List<int> { input };
                    dims.AddRange(recipe.GinMlpHidden);
                    dims.Add(last ? outputs : recipe.Hidden);

                    // One Linear per layer needs ReLU inside the hidden layers' MLP only when the MLP has
                    // more maps; the classifier adds the between-layer activation itself.
                    var mlp = new Mlp($"{name}.nn", dims, reluAfterLast: false, biasInit: LinearBiasInit.PyTorchDefault);
                    layer = new GinConv(name, mlp, recipe.GinTrainEpsilon);
                    break;
                case Architecture.GAT:
                    int heads = last ? recipe.OutputHeads : recipe.Heads;
                    var options = new GatConvOptions
                    {
                        Heads = heads,
                        Concat = !last,
                        AttentionDropout = recipe.AttentionDropout,
                        LinearBias = recipe.GatAuthorsLayer,
                        AttentionGlorotOverConcatenated = recipe.GatAuthorsLayer,
                    };
                    layer = new GatConv(name, input, last ? outputs : recipe.Hidden, options, random);
                    break;
                case Architecture.SAGE:
                    layer = new SageConv(name, input, last ? outputs : recipe.Hidden);
                    break;
                default:
                    throw new ArgumentException($"recipe {recipe.Key}: unknown model {recipe.Model}");
            }

            layers.Add(layer);
            input = layer.OutFeatures;
        }

        var model = new NodeClassifier(
            layers,
            new NodeClassifierOptions
            {
                InputDropout = recipe.InputDropout,
                Dropout = recipe.Dropout,
                EluBetweenLayers = recipe.Activation == HiddenActivation.Elu,
                ReluOnLogits = recipe.ReluOnLogits,
            },
            random);
        model.ResetParameters(random);
        return model;
    }
}
