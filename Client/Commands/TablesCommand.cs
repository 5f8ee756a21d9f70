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
                    var methods = row.Cells.Select(c => c.Method).ToList();
                    var noRecipe = methods.Where(m => !recipes.Contains(row.Dataset, row.Model, m)).ToList();
                    string? problem = DataAvailability.Problem(root, row.Dataset);
                    string status = problem is not null
                        ? $"cannot run: {problem}"
                        : noRecipe.Count > 0 ? $"cannot run: no recipe for {string.Join(", ", noRecipe)}" : "ready";
                    Console.WriteLine($"  {row.Label,-16} {string.Join(", ", methods),-40} {status}");
                }
            }

            return 0;
        });
        return command;
    }
}
