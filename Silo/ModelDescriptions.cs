using A2Q.Quant.Data;
using A2Q.Quant.Training;
using A2Q.Simulator.Export;

namespace A2Q.Silo;

/// <summary>
/// A finished node-level run as the simulator describes it: the recipe's layer shapes, the dataset's graph and
/// input, and the bitwidths learned at the best-test epoch (the epoch whose bits the paper reports).
/// </summary>
public static class ModelDescriptions
{
    public static ModelDescription From(NodeRecipe recipe, PreparedNodeData prepared, NodeRunResult run)
    {
        var dataset = prepared.Dataset;
        if (recipe.Model == Architecture.GIN && recipe.GinMlpHidden.Length > 0)
        {
            throw new ArgumentException($"recipe {recipe.Key}: the simulator models GIN layers with one linear map, not an MLP");
        }

        // A quantized layer's learned bits are named after the layer ("conv2.lin.fea_quant" belongs to conv2).
        var bitsByLayer = run.LayerBits.ToDictionary(l => l.Name[..l.Name.IndexOf('.')]);
        int outputs = recipe.LogitsWidth > 0 ? recipe.LogitsWidth : dataset.ClassCount;
        var layers = new List<LayerDescription>();
        int input = dataset.FeatureCount;
        for (int l = 0; l < recipe.Layers; l++)
        {
            bool last = l == recipe.Layers - 1;
            string name = $"conv{l + 1}";
            int heads = recipe.Model == Architecture.GAT ? (last ? recipe.OutputHeads : recipe.Heads) : 1;
            int width = (last ? outputs : recipe.Hidden) * heads;
            bitsByLayer.TryGetValue(name, out var bits);
            layers.Add(new LayerDescription(name, input, width, heads, bits?.Bits, bits?.StepSizes));
            input = width;
        }

        return new ModelDescription
        {
            Dataset = dataset.Name,
            Model = recipe.Model.ToString(),
            Method = recipe.Method,
            Variant = recipe.Variant,
            Seed = run.Seed,
            Epoch = run.BestTestEpoch,
            TestAccuracy = run.BestTestAccuracy,
            AverageBits = run.AverageBits,
            WeightBits = (int)(recipe.Quantization?.WeightBits ?? recipe.DegreeQuant?.Bits ?? 32),
            InDegrees = dataset.Graph.InDegrees(),
            Sources = dataset.Graph.Sources,
            Targets = dataset.Graph.Targets,
            Edges = dataset.Graph.EdgeCount,
            InputFeatures = dataset.FeatureCount,
            BinaryInput = prepared.Features.Values.All(v => v is 0f or 1f),
            Layers = layers,
        }.Validate($"run {recipe.Key} seed {run.Seed}");
    }
}
