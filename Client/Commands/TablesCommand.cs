using System.CommandLine;
using A2Q.Grains.Tables;
using A2Q.Quant.Data;
using A2Q.Quant.Training;

namespace A2Q.Client.Commands;

/// <summary><c>client tables</c>: every defined table and row, marking rows that cannot run here and why.</summary>
internal static class TablesCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("tables", "List the reproducible tables and rows, and what is missing on this machine") { dataDir };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(dataDir) ?? DataDirectory.Default;
            var recipes = RecipeBook.Embedded();
            foreach (var table in TableCatalog.Embedded().All)
            {
                Console.WriteLine($"table {table.Id}: {table.Title} ({table.Seeds} seeds per cell, {table.Protocol})");
                foreach (var row in table.Rows)
                {
                    var methods = row.Cells.Select(c => c.Name).ToList();
                    string status = CellRecipes.Problem(recipes, root, row) is { } problem ? $"cannot run: {problem}" : "ready";

                    // A cross-validated row runs its folds (fold k with seed k) instead of the table's seed count.
                    if (row.Folds is int folds)
                    {
                        status = $"{status} ({folds} folds per cell)";
                    }

                    Console.WriteLine($"  {row.Label,-18} {string.Join(", ", methods),-40} {status}");
                }
            }

            return 0;
        });
        return command;
    }
}
