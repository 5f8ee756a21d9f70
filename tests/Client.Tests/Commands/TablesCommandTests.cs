using A2Q.Client.Commands;
using A2Q.Grains.Tables;
using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Client.Tests.Commands;

/// <summary>What <c>client tables</c> and <c>client reproduce</c> rely on: every cell of every table names a recipe.</summary>
public class TablesCommandTests
{
    /// <summary>
    /// Every table except Table 1, which keeps rows `client tables` reports as not runnable yet (GAT-PubMed's
    /// DQ/A²Q, GCN-ogbn-arxiv). A new table joins here by default; rows that declare why they cannot run
    /// (Table 2's superpixel rows, Table 12's GAT-ZINC) are left out.
    /// </summary>
    public static TheoryData<int> CompleteTables()
    {
        var ids = new TheoryData<int>();
        foreach (var table in TableCatalog.Embedded().All.Where(t => t.Id != 1))
        {
            ids.Add(table.Id);
        }

        return ids;
    }

    [Fact]
    public void TableOnesRowsAllResolveButTheTwoItsListingReportsAsNotRunnable()
    {
        var recipes = RecipeBook.Embedded();
        var table = TableCatalog.Embedded().Get(1);

        Assert.True(table.Rows.Count > 2, $"{table.Rows.Count} rows");
        Assert.Equal(["GAT-PubMed", "GCN-ogbn-arxiv"], table.Rows.Where(r => CellRecipes.Missing(recipes, r).Count > 0).Select(r => r.Label));
    }

    [Theory]
    [MemberData(nameof(CompleteTables))]
    public void EveryCellOfTheTableResolvesToAnEmbeddedRecipe(int id)
    {
        var recipes = RecipeBook.Embedded();
        var table = TableCatalog.Embedded().Get(id);

        Assert.NotEmpty(table.Rows);
        foreach (var row in table.Rows.Where(r => r.Unavailable is null))
        {
            Assert.NotEmpty(row.Cells);
            foreach (var cell in row.Cells)
            {
                Assert.True(
                    CellRecipes.Exists(recipes, row, cell),
                    $"table {id} row {row.Label}: no recipe {row.Dataset}/{row.Model}/{cell.Method}/{cell.Variant}");
            }
        }
    }

    [Fact]
    public void Table10HoldsTheA2qCellsOfTheTasksWeRun()
    {
        var table = TableCatalog.Embedded().Get(10);

        Assert.Equal(["GCN-Cora", "GAT-CiteSeer", "GraphSage-Cora"], table.Rows.Select(r => r.Label));
        Assert.All(table.Rows, r => Assert.Equal("A2Q", Assert.Single(r.Cells).Method));
        var sage = table.Rows.Single(r => r.Label == "GraphSage-Cora");
        Assert.Equal("SAGE", sage.Model);
        Assert.Equal(74.5, sage.Cells[0].Paper.Accuracy);
        Assert.Equal(2.7, sage.Cells[0].Paper.AverageBits);
    }

    [Fact]
    public void Figure5IsTable105WithLearnManualDqAndMixedPrecisionAndNoPrintedAccuracy()
    {
        var figure = TableCatalog.Embedded().Get(105);

        Assert.Equal(["GCN-Cora", "GIN-CiteSeer"], figure.Rows.Select(r => r.Label));
        Assert.All(figure.Rows, r => Assert.Equal(["A2Q", "A2Q-manual", "DQ", "DQ-mixed"], r.Cells.Select(c => c.Method)));
        Assert.All(figure.Rows.SelectMany(r => r.Cells), c => Assert.Null(c.Paper.Accuracy));
    }

    [Fact]
    public void TheGraphLevelRowsThatCannotRunSayWhyAndTheOthersAreReady()
    {
        var recipes = RecipeBook.Embedded();
        string Status(int table, string row) =>
            CellRecipes.Problem(recipes, ClientProcess.DataDirectory, TableCatalog.Embedded().Get(table).Rows.Single(r => r.Label == row)) ?? "ready";

        Assert.Equal("no MNIST/CIFAR10 superpixel data on these machines", Status(2, "GAT-CIFAR10"));
        Assert.Equal("ready", Status(12, "GAT-ZINC"));
        Assert.Equal("ready", Status(2, "GIN-REDDIT-BINARY"));
        Assert.Equal("ready", Status(2, "GCN-ZINC"));
        Assert.Equal("ready", Status(11, "GIN-REDDIT-BINARY"));
        Assert.Equal("ready", Status(12, "GIN-ZINC"));
        Assert.StartsWith("ind.pubmed.allx missing", Status(1, "GAT-PubMed"));
    }

    [Fact]
    public void CrossValidatedRowsSayTheyRunFolds()
    {
        var (exit, output, error) = ClientProcess.Run("tables", "--data-dir", ClientProcess.DataDirectory);
        Assert.True(exit == 0, error);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("GIN-REDDIT-BINARY", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ready (10 folds per cell)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("GCN-ZINC", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ready", StringComparison.Ordinal));
    }
}
