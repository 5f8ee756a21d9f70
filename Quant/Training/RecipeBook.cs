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
    private readonly List<GraphRecipe> graphRecipes;

    public RecipeBook(IEnumerable<NodeRecipe> recipes, IEnumerable<GraphRecipe>? graphRecipes = null)
    {
        this.recipes = recipes.ToList();
        this.graphRecipes = graphRecipes?.ToList() ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in this.recipes)
        {
            r.Validate();
            if (!seen.Add(r.Key))
            {
                throw new ArgumentException($"recipe {r.Key} is defined twice");
            }
        }

        foreach (var r in this.graphRecipes)
        {
            r.Validate();
            if (!seen.Add(r.Key))
            {
                throw new ArgumentException($"recipe {r.Key} is defined twice");
            }
        }
    }

    /// <summary>The node-level recipes.</summary>
    public IReadOnlyList<NodeRecipe> All => recipes;

    /// <summary>The graph-level recipes (files with a <c>graphRecipes:</c> list).</summary>
    public IReadOnlyList<GraphRecipe> Graphs => graphRecipes;

    /// <summary>The recipes shipped with the engine.</summary>
    public static RecipeBook Embedded()
    {
        var assembly = typeof(RecipeBook).Assembly;
        var all = new List<NodeRecipe>();
        var graphs = new List<GraphRecipe>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("A2Q.Quant.Recipes.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var file = ParseFile(reader.ReadToEnd(), name["A2Q.Quant.Recipes.".Length..]);
            all.AddRange(file.Recipes);
            graphs.AddRange(file.GraphRecipes);
        }

        return new RecipeBook(all, graphs);
    }

    /// <summary>Recipes from a YAML file of the same shape as the built-in ones.</summary>
    public static RecipeBook FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recipe file {path} does not exist", path);
        }

        var file = ParseFile(File.ReadAllText(path), path);
        return new RecipeBook(file.Recipes, file.GraphRecipes);
    }

    /// <summary>Parses the node-level recipes of one file; errors name the file and line.</summary>
    public static IReadOnlyList<NodeRecipe> Parse(string yaml, string fileName) => ParseFile(yaml, fileName).Recipes;

    /// <summary>Parses the graph-level recipes of one file; errors name the file and line.</summary>
    public static IReadOnlyList<GraphRecipe> ParseGraphRecipes(string yaml, string fileName) => ParseFile(yaml, fileName).GraphRecipes;

    private static RecipeFile ParseFile(string yaml, string fileName)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            // MergingParser resolves the "<<: *anchor" merges the recipe files use for shared settings.
            var parser = new MergingParser(new Parser(new StringReader(yaml)));
            return deserializer.Deserialize<RecipeFile>(parser) ?? new RecipeFile();
        }
        catch (YamlException e)
        {
            throw new FormatException($"{fileName}: line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }
    }

    /// <summary>Whether a recipe exists for dataset × model × method × variant (names compared ignoring case).</summary>
    public bool Contains(string dataset, string model, string method, string variant = "authors") =>
        recipes.Any(r => Matches(r.Key, dataset, model, method, variant));

    /// <summary>Whether a graph-level recipe exists for dataset × model × method × variant (names compared ignoring case).</summary>
    public bool ContainsGraph(string dataset, string model, string method, string variant = "authors") =>
        graphRecipes.Any(r => Matches(r.Key, dataset, model, method, variant));

    public NodeRecipe Find(string dataset, string model, string method, string variant = "authors") =>
        FindIn(recipes, r => r.Key, r => r.Variant, "recipe", dataset, model, method, variant);

    /// <summary>The graph-level recipe for dataset × model × method × variant (names compared ignoring case).</summary>
    public GraphRecipe FindGraph(string dataset, string model, string method, string variant = "authors") =>
        FindIn(graphRecipes, r => r.Key, r => r.Variant, "graph-level recipe", dataset, model, method, variant);

    /// <summary>The recipe whose key is dataset/model/method/variant; the error lists every recipe there is.</summary>
    private static T FindIn<T>(
        List<T> all, Func<T, string> key, Func<T, string> variantOf, string kind, string dataset, string model, string method, string variant)
        where T : class
    {
        var match = all.FirstOrDefault(r => Matches(key(r), dataset, model, method, variant));
        if (match is not null)
        {
            return match;
        }

        var available = string.Join(", ", all.Select(r => variantOf(r) == "authors" ? key(r)[..key(r).LastIndexOf('/')] : key(r)));
        throw new KeyNotFoundException($"no {kind} for dataset {dataset}, model {model}, method {method}, variant {variant}; available: {available}");
    }

    private static bool Matches(string key, string dataset, string model, string method, string variant) =>
        string.Equals(key, $"{dataset}/{model}/{method}/{variant}", StringComparison.OrdinalIgnoreCase);

    private sealed class RecipeFile
    {
        public List<NodeRecipe> Recipes { get; set; } = new();

        public List<GraphRecipe> GraphRecipes { get; set; } = new();
    }
}
