using A2Q.Grains.Tables;
using A2Q.Quant.Data;
using A2Q.Quant.Training;

namespace A2Q.Client.Commands;

/// <summary>Whether a table row can run here and which of its cells have a recipe (node- or graph-level by the row's dataset).</summary>
internal static class CellRecipes
{
    public static bool Exists(RecipeBook recipes, TableRow row, TableCell cell) =>
        GraphDatasets.Contains(row.Dataset)
            ? recipes.ContainsGraph(row.Dataset, row.Model, cell.Method, cell.Variant)
            : recipes.Contains(row.Dataset, row.Model, cell.Method, cell.Variant);

    /// <summary>The cells of <paramref name="row"/> without a recipe, by name.</summary>
    public static IReadOnlyList<string> Missing(RecipeBook recipes, TableRow row) =>
        row.Cells.Where(c => !Exists(recipes, row, c)).Select(c => c.Name).ToList();

    /// <summary>Why the row cannot run on this machine (its declared reason first, then its data, then its recipes), or null.</summary>
    public static string? Problem(RecipeBook recipes, string dataDirectory, TableRow row)
    {
        if (row.Unavailable is { } reason)
        {
            return reason;
        }

        if (DataAvailability.Problem(dataDirectory, row.Dataset) is { } data)
        {
            return data;
        }

        var missing = Missing(recipes, row);
        return missing.Count > 0 ? $"no recipe for {string.Join(", ", missing)}" : null;
    }
}
