using A2Q.Quant.Training;
using A2Q.Silo;
using A2Q.Simulator.Export;

namespace A2Q.Client.Commands;

/// <summary>
/// Writes one run's trained model for the accelerator simulator (<c>client simulate --model-export</c>): the
/// graph, the layer shapes and each node's learned bitwidth and step size at the best-test epoch.
/// </summary>
internal static class ModelExport
{
    public static string Write(string folder, NodeRecipe recipe, PreparedNodeData prepared, NodeRunResult run)
    {
        string path = Path.Combine(folder, $"{prepared.Dataset.Name}-{recipe.Model}-{recipe.Method}-{recipe.Variant}-seed{run.Seed}.json");
        ModelExportFormat.Write(path, ModelDescriptions.From(recipe, prepared, run));
        return path;
    }
}
