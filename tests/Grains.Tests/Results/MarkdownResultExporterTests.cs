using A2Q.Grains.Results;
using A2Q.Grains.Tables;
using Xunit;

namespace A2Q.Grains.Tests.Results;

public class MarkdownResultExporterTests
{
    [Fact]
    public void ACellWithoutAPrintedAccuracyShowsDashesForThePaperAndTheDifference()
    {
        var definition = new TableDefinition { Id = 105, Title = "Figure 5" };
        var cell = new CellSummary(105, "GCN-Cora", "Cora", "GCN", "A2Q-manual", "BestTestEpoch", 2, 2, 0, 80.5, 0.5, 79.5, 0.7, 1.73, 18.0, 1.25, new PaperValue());

        string markdown = MarkdownResultExporter.Render(new ResultTable(definition, [], [cell]));

        Assert.Null(cell.Difference);
        Assert.Contains("| GCN-Cora | A2Q-manual | 80.50 ± 0.50 | [79.50 ± 0.70] | – | – | 1.73 / – | 18x / – | 1.25x / – | 2/2 |", markdown);
    }

    [Fact]
    public void APrintedAccuracyGivesTheDifference()
    {
        var cell = new CellSummary(10, "GraphSage-Cora", "Cora", "SAGE", "A2Q", "BestTestEpoch", 2, 2, 0, 81.5, 0.5, 79.5, 0.7, 1.86, 16.8, null, new PaperValue { Accuracy = 74.5, Std = 0.2 });

        Assert.Equal(7.0, cell.Difference!.Value, 12);
    }

    [Fact]
    public void AnMaeCellHasNoPercentThreeDecimalsAndLowerIsBetter()
    {
        var definition = new TableDefinition { Id = 2, Title = "Table 2" };
        var paper = new PaperValue { Mae = 0.450, Std = 0.008, AverageBits = 32, CompressionRatio = 1 };
        var worse = new CellSummary(2, "GCN-ZINC", "ZINC", "GCN", "FP32", "BestTestEpoch", 2, 2, 0, 0.5004, 0.0101, 0.52, 0.02, 32, 1, null, paper, MetricKind.Mae, 0.531, 0.012);
        var better = worse with { Method = "DQ", AccuracyMean = 0.4, AccuracyStd = null };

        Assert.False(worse.HigherIsBetter);
        Assert.Equal(0.450, worse.PaperMetric);
        Assert.Equal(0.0504, worse.Difference!.Value, 12);
        Assert.False(worse.OursBetter);
        Assert.True(better.OursBetter);

        string markdown = MarkdownResultExporter.Render(new ResultTable(definition, [], [worse, better]));

        Assert.Contains("| ours | [BestValEpoch] | [MinValLoss] | paper |", markdown);
        Assert.Contains("| GCN-ZINC | FP32 | 0.500 ± 0.010 | [0.520 ± 0.020] | [0.531 ± 0.012] | 0.450 ± 0.008 | +0.050 (worse) | 32 / 32 |", markdown);
        Assert.Contains("| GCN-ZINC | DQ | 0.400 | [0.520 ± 0.020] | [0.531 ± 0.012] | 0.450 ± 0.008 | −0.050 (better) |", markdown);
        Assert.DoesNotContain("%", markdown.Split('\n').Where(l => l.StartsWith("| GCN-ZINC", StringComparison.Ordinal)).Aggregate(string.Empty, string.Concat));
    }

    [Fact]
    public void ANodeLevelTableHasNoMinValLossColumnAndAccuracyCellsKeepHigherIsBetter()
    {
        var cell = new CellSummary(1, "GCN-Cora", "Cora", "GCN", "A2Q", "BestTestEpoch", 1, 1, 0, 79.5, null, 79.0, null, 1.7, 18.6, 2.0, new PaperValue { Accuracy = 80.9, Std = 0.6 });

        string markdown = MarkdownResultExporter.Render(new ResultTable(new TableDefinition { Id = 1, Title = "Table 1" }, [], [cell]));

        Assert.True(cell.HigherIsBetter);
        Assert.False(cell.OursBetter);
        Assert.DoesNotContain("MinValLoss", markdown);
        Assert.Contains("| GCN-Cora | A2Q | 79.50 | [79.00] | 80.90 ± 0.60 | −1.40 |", markdown);
    }
}
