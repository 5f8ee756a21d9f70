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
}
