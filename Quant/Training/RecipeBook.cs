using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace A2Q.Quant.Training;

/// <summary>
/// The checked-in recipes (Training/Recipes/*.yaml, embedded in the assembly), looked up by
/// dataset × model × method × variant. Unknown keys in a recipe file are errors, so a typo cannot
/// silently fall back to a default.
/// </summary>
public sealed class RecipeBook
{
    private readonly List<NodeRecipe> recipes;

    public RecipeBook(IEnumerable<NodeRecipe> recipes)
    {
        this.recipes = recipes.ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in this.recipes)
        {
            r.Validate();
            if (!seen.Add(r.Key))
            {
                throw new ArgumentException($"recipe {r.Key} is defined twice");
            }
        }
    }

    public IReadOnlyList<NodeRecipe> All => recipes;

    /// <summary>The recipes shipped with the engine.</summary>
    public static RecipeBook Embedded()
    {
        var assembly = typeof(RecipeBook).Assembly;
        var all = new List<NodeRecipe>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("A2Q.Quant.Recipes.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            all.AddRange(Parse(reader.ReadToEnd(), name["A2Q.Quant.Recipes.".Length..]));
        }

        return new RecipeBook(all);
    }

    /// <summary>Recipes from a YAML file of the same shape as the built-in ones.</summary>
    public static RecipeBook FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recipe file {path} does not exist", path);
        }

        return new RecipeBook(Parse(File.ReadAllText(path), path));
    }

    /// <summary>Parses one recipe file; errors name the file and line.</summary>
    public static IReadOnlyList<NodeRecipe> Parse(string yaml, string fileName)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            // MergingParser resolves the "<<: *anchor" merges the recipe files use for shared settings.
            var parser = new MergingParser(new Parser(new StringReader(yaml)));
            var file = deserializer.Deserialize<RecipeFile>(parser) ?? new RecipeFile();
            return file.Recipes;
        }
        catch (YamlException e)
        {
            throw new FormatException($"{fileName}: line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }
    }

    /// <summary>Whether a recipe exists for dataset × model × method × variant (names compared ignoring case).</summary>
    public bool Contains(string dataset, string model, string method, string variant = "authors") =>
        recipes.Any(r =>
            string.Equals(r.Dataset, dataset, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Model.ToString(), model, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Variant, variant, StringComparison.OrdinalIgnoreCase));

    public NodeRecipe Find(string dataset, string model, string method, string variant = "authors")
    {
        var match = recipes.FirstOrDefault(r =>
            string.Equals(r.Dataset, dataset, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Model.ToString(), model, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Variant, variant, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        var available = string.Join(", ", recipes.Select(r => r.Variant == "authors" ? $"{r.Dataset}/{r.Model}/{r.Method}" : r.Key));
        throw new KeyNotFoundException($"no recipe for dataset {dataset}, model {model}, method {method}, variant {variant}; available: {available}");
    }

    private sealed class RecipeFile
    {
        public List<NodeRecipe> Recipes { get; set; } = new();
    }
}
