using System.Text.Json;
using System.Text.Json.Nodes;
using A2Q.Quant.Data;
using A2Q.Quant.Training;

namespace A2Q.Client.Commands;

/// <summary>
/// The trained model as the accelerator simulator needs it: the graph (by dataset name and size, plus
/// in-degrees), and per quantized layer the width of the quantized features and each node's integer
/// bitwidth and step size at the best-test epoch, with the weight bitwidth. One JSON file per run; written
/// to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
internal static class ModelExport
{
    public static string Write(string folder, NodeRecipe recipe, NodeClassificationDataset dataset, NodeRunResult run)
    {
        var document = new JsonObject
        {
            ["format"] = "a2q-model-export/1",
            ["dataset"] = dataset.Name,
            ["model"] = recipe.Model.ToString(),
            ["method"] = recipe.Method,
            ["variant"] = recipe.Variant,
            ["seed"] = run.Seed,
            ["epoch"] = run.BestTestEpoch,
            ["testAccuracy"] = run.BestTestAccuracy,
            ["averageBits"] = run.AverageBits,
            ["weightBits"] = recipe.Quantization?.WeightBits ?? 32,
            ["graph"] = new JsonObject
            {
                ["nodes"] = dataset.NodeCount,
                ["edges"] = dataset.Graph.EdgeCount,
                ["inDegrees"] = new JsonArray(dataset.Graph.InDegrees().Select(d => (JsonNode)d).ToArray()),
            },
            ["layers"] = new JsonArray(run.LayerBits.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Name,
                ["featureDimension"] = l.FeatureDimension,
                ["bits"] = new JsonArray(l.Bits.Select(b => (JsonNode)(b - 1)).ToArray()),
                ["bitParameter"] = new JsonArray(l.Bits.Select(b => (JsonNode)b).ToArray()),
                ["stepSizes"] = new JsonArray(l.StepSizes.Select(s => (JsonNode)s).ToArray()),
            }).ToArray()),
        };
        string path = Path.Combine(folder, $"{dataset.Name}-{recipe.Model}-{recipe.Method}-{recipe.Variant}-seed{run.Seed}.json");
        string temporary = path + ".part";
        File.WriteAllText(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
