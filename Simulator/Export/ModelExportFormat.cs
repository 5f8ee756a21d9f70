using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2Q.Simulator.Export;

/// <summary>
/// The model export file: one JSON object, <c>"format": "a2q-model-export/2"</c>. Written to a temporary name
/// and renamed, so a reader never sees half a file; read with errors that name the file and the field.
/// </summary>
public static class ModelExportFormat
{
    public const string Format = "a2q-model-export/2";

    public static void Write(string path, ModelDescription model)
    {
        var document = new JsonObject
        {
            ["format"] = Format,
            ["dataset"] = model.Dataset,
            ["model"] = model.Model,
            ["method"] = model.Method,
            ["variant"] = model.Variant,
            ["seed"] = model.Seed,
            ["epoch"] = model.Epoch,
            ["testAccuracy"] = model.TestAccuracy,
            ["averageBits"] = model.AverageBits,
            ["weightBits"] = model.WeightBits,
            ["inputFeatures"] = model.InputFeatures,
            ["binaryInput"] = model.BinaryInput,
            ["graph"] = new JsonObject
            {
                ["nodes"] = model.Nodes,
                ["edges"] = model.Edges,
                ["inDegrees"] = Array(model.InDegrees),
                ["sources"] = model.Sources is { } sources ? Array(sources) : null,
                ["targets"] = model.Targets is { } targets ? Array(targets) : null,
            },
            ["layers"] = new JsonArray(model.Layers.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Name,
                ["inFeatures"] = l.InFeatures,
                ["outFeatures"] = l.OutFeatures,
                ["heads"] = l.Heads,
                ["bits"] = l.NodeWidths is { } widths ? Array(widths) : null,
                ["bitParameters"] = l.BitParameters is { } bits ? Array(bits) : null,
                ["stepSizes"] = l.StepSizes is { } steps ? new JsonArray(steps.Select(s => (JsonNode)s).ToArray()) : null,
            }).ToArray()),
        };
        string temporary = path + ".part";
        File.WriteAllText(temporary, document.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }

    public static ModelDescription Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model export {path} does not exist", path);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not JSON ({e.Message})", e);
        }

        if (root is not JsonObject o)
        {
            throw new FormatException($"{path}: expected a JSON object");
        }

        string format = Text(o, "format", path);
        if (format != Format)
        {
            throw new FormatException($"{path}: format \"{format}\" is not {Format}; export the model again with client train --export");
        }

        var graph = o["graph"] as JsonObject ?? throw new FormatException($"{path}: missing \"graph\"");
        int[] inDegrees = Ints(graph, "inDegrees", path) ?? throw new FormatException($"{path}: missing \"graph.inDegrees\"");
        var layers = o["layers"] as JsonArray ?? throw new FormatException($"{path}: missing \"layers\"");
        var model = new ModelDescription
        {
            Dataset = Text(o, "dataset", path),
            Model = Text(o, "model", path),
            Method = Text(o, "method", path),
            Variant = o["variant"]?.GetValue<string>() ?? "authors",
            Seed = Int(o, "seed", path),
            Epoch = Int(o, "epoch", path),
            TestAccuracy = Number(o, "testAccuracy", path),
            AverageBits = Number(o, "averageBits", path),
            WeightBits = Int(o, "weightBits", path),
            InputFeatures = Int(o, "inputFeatures", path),
            BinaryInput = o["binaryInput"]?.GetValue<bool>() ?? false,
            Edges = (long)Number(graph, "edges", path),
            InDegrees = inDegrees,
            Sources = Ints(graph, "sources", path, "graph"),
            Targets = Ints(graph, "targets", path, "graph"),
            Layers = layers.Select((node, i) =>
            {
                var layer = node as JsonObject ?? throw new FormatException($"{path}: layers[{i}] is not an object");
                string where = $"layers[{i}]";
                return new LayerDescription(
                    Text(layer, "name", path, where),
                    Int(layer, "inFeatures", path, where),
                    Int(layer, "outFeatures", path, where),
                    Int(layer, "heads", path, where),
                    Ints(layer, "bitParameters", path, where),
                    layer["stepSizes"] is JsonArray steps ? steps.Select(s => s!.GetValue<float>()).ToArray() : null);
            }).ToList(),
        };
        return model.Validate(path);
    }

    private static JsonArray Array(int[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static string Text(JsonObject o, string name, string path, string where = "") =>
        Field(o, name, path, where, n => n.GetValue<string>());

    private static int Int(JsonObject o, string name, string path, string where = "") =>
        Field(o, name, path, where, n => n.GetValue<int>());

    private static double Number(JsonObject o, string name, string path, string where = "") =>
        Field(o, name, path, where, n => n.GetValue<double>());

    private static int[]? Ints(JsonObject o, string name, string path, string where = "")
    {
        if (o[name] is null)
        {
            return null;
        }

        return Field(o, name, path, where, n => n.AsArray().Select(v => v!.GetValue<int>()).ToArray());
    }

    private static T Field<T>(JsonObject o, string name, string path, string where, Func<JsonNode, T> read)
    {
        string field = where.Length == 0 ? name : $"{where}.{name}";
        var node = o[name] ?? throw new FormatException($"{path}: missing \"{field}\"");
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new FormatException($"{path}: \"{field}\" has the wrong type ({e.Message})", e);
        }
    }
}
