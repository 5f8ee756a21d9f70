using A2Q.Grains.Abstractions;
using A2Q.Grains.Tables;
using Xunit;

namespace A2Q.Grains.Tests.Tables;

/// <summary>The graph-level tables as data (paper/tables.yaml: table2, table11, table12) and their expansion into fold runs.</summary>
public class TableCatalogTests
{
    private static readonly TableCatalog Catalog = TableCatalog.Embedded();

    [Fact]
    public void Table2HoldsTheRunnableGraphRowsAndDeclaresTheSuperpixelRowsUnavailable()
    {
        var table = Catalog.Get(2);

        Assert.Equal(["GCN-MNIST", "GIN-MNIST", "GCN-CIFAR10", "GAT-CIFAR10", "GCN-ZINC", "GIN-REDDIT-BINARY"], table.Rows.Select(r => r.Label));
        Assert.All(table.Rows.Take(4), r => Assert.Equal("no MNIST/CIFAR10 superpixel data on these machines", r.Unavailable));
        Assert.All(table.Rows, r => Assert.Equal(["FP32", "DQ", "A2Q"], r.Cells.Select(c => c.Method)));

        var zinc = table.Rows.Single(r => r.Label == "GCN-ZINC");
        Assert.Null(zinc.Unavailable);
        Assert.Null(zinc.Folds);
        Assert.Equal(MetricKind.Mae, zinc.Metric);
        Assert.Equal([0.450, 0.536, 0.492], zinc.Cells.Select(c => c.Paper.Metric(MetricKind.Mae)!.Value));
        Assert.All(zinc.Cells, c => Assert.Null(c.Paper.Accuracy));
        Assert.Equal(0.056, zinc.Cells[2].Paper.Std);
        Assert.Equal(1.08, zinc.Cells[2].Paper.Speedup);

        var reddit = table.Rows.Single(r => r.Label == "GIN-REDDIT-BINARY");
        Assert.Equal(10, reddit.Folds);
        Assert.Equal(MetricKind.Accuracy, reddit.Metric);
        Assert.Equal([92.2, 81.3, 90.8], reddit.Cells.Select(c => c.Paper.Accuracy!.Value));
        Assert.Equal(3.50, reddit.Cells[2].Paper.AverageBits);
        Assert.Equal(9.14, reddit.Cells[2].Paper.CompressionRatio);
    }

    [Fact]
    public void Table11MapsEachMToARecipeVariantWithTheAuthorsAtAThousand()
    {
        var row = Assert.Single(Catalog.Get(11).Rows);

        Assert.Equal(10, row.Folds);
        Assert.All(row.Cells, c => Assert.Equal("A2Q", c.Method));
        Assert.Equal(["m100", "m400", "m800", "authors", "m1500"], row.Cells.Select(c => c.Variant));
        Assert.Equal(["A2Q@m100", "A2Q@m400", "A2Q@m800", "A2Q", "A2Q@m1500"], row.Cells.Select(c => c.Name));
        Assert.Equal([88.7, 90.6, 92.0, 92.5, 92.6], row.Cells.Select(c => c.Paper.Accuracy!.Value));
    }

    [Fact]
    public void Table12RunsGatZincAndGinZinc()
    {
        var table = Catalog.Get(12);

        Assert.Equal(["GAT-ZINC", "GIN-ZINC"], table.Rows.Select(r => r.Label));
        Assert.All(table.Rows, r => Assert.Equal(MetricKind.Mae, r.Metric));
        Assert.All(table.Rows, r => Assert.Null(r.Unavailable));
        Assert.Equal([0.334, 0.431, 0.380], table.Rows[1].Cells.Select(c => c.Paper.Mae!.Value));
        Assert.Equal([0.455, 0.520, 0.495], table.Rows[0].Cells.Select(c => c.Paper.Mae!.Value));
    }

    [Fact]
    public void ACrossValidatedRowExpandsIntoDistinctFoldRunsWithFoldSeeds()
    {
        var table = Catalog.Get(2);
        var rows = TableCatalog.SelectRows(table, ["GIN-REDDIT-BINARY"]);

        var specs = TableCatalog.Expand(table, rows, null, null, "v1");
        Assert.Equal(30, specs.Count);
        Assert.Equal(30, specs.Select(s => s.Key).Distinct().Count());
        Assert.All(specs, s => Assert.Equal(s.Seed, s.Fold));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (int?)k), specs.Where(s => s.Method == "DQ").Select(s => s.Fold));
        Assert.Equal("table2/REDDIT-BINARY/GIN/A2Q/fold=7", specs.Single(s => s.Method == "A2Q" && s.Fold == 7).Key);
        Assert.Equal("fold=7", RunKey.Parse(specs.Single(s => s.Method == "A2Q" && s.Fold == 7).Key).Replica);

        // Idempotent: the same expansion gives the same keys; --seeds K keeps the first K folds.
        Assert.Equal(specs.Select(s => s.Key), TableCatalog.Expand(table, rows, null, null, "v2").Select(s => s.Key));
        var firstTwo = TableCatalog.Expand(table, rows, 2, null, "v1");
        Assert.Equal(specs.Where(s => s.Fold < 2).Select(s => s.Key), firstTwo.Select(s => s.Key));
        Assert.Throws<ArgumentException>(() => TableCatalog.Expand(table, rows, 11, null, "v1"));
    }

    [Fact]
    public void VariantsGetKeysOfTheirOwnAndStandardSplitsStaySeeds()
    {
        var table11 = Catalog.Get(11);
        var folds = TableCatalog.Expand(table11, table11.Rows, 1, null, "v1");
        Assert.Equal(
            ["table11/REDDIT-BINARY/GIN/A2Q@m100/fold=0", "table11/REDDIT-BINARY/GIN/A2Q@m400/fold=0", "table11/REDDIT-BINARY/GIN/A2Q@m800/fold=0", "table11/REDDIT-BINARY/GIN/A2Q/fold=0", "table11/REDDIT-BINARY/GIN/A2Q@m1500/fold=0"],
            folds.Select(s => s.Key));
        Assert.Equal(["m100", "m400", "m800", "authors", "m1500"], folds.Select(s => s.Variant));

        var table2 = Catalog.Get(2);
        var zinc = TableCatalog.Expand(table2, TableCatalog.SelectRows(table2, ["GCN-ZINC"]), null, null, "v1");
        Assert.Equal(30, zinc.Count);
        Assert.All(zinc, s => Assert.Null(s.Fold));
        Assert.Equal("table2/ZINC/GCN/FP32/seed=9", zinc[9].Key);

        var table1 = Catalog.Get(1);
        var node = TableCatalog.Expand(table1, TableCatalog.SelectRows(table1, ["GCN-Cora"]), 2, null, "v1");
        Assert.Equal("table1/Cora/GCN/FP32/seed=1", node[1].Key);
        Assert.All(node, s => Assert.Null(s.Fold));
    }
}
