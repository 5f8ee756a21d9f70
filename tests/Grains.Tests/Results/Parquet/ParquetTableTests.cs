using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

public class ParquetTableTests
{
    private static ParquetTable RunsTable() => new(new ParquetSchema(
        new ParquetColumn("dataset", ParquetType.String),
        new ParquetColumn("seed", ParquetType.Int64),
        new ParquetColumn("accuracy", ParquetType.Double, Nullable: true),
        new ParquetColumn("finished", ParquetType.Timestamp, Nullable: true)));

    [Fact]
    public void AcceptsRowsOfTheSchemaTypesAndNullsInNullableColumns()
    {
        var table = RunsTable();
        table.AddRow("cora", 0L, 0.815, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)));
        table.AddRow("cora", 1L, null, null);
        table.AddRow("cora", 2L, 0.8, new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(3, table.RowCount);
    }

    [Fact]
    public void ATypeMismatchNamesTheRowTheColumnAndBothTypes()
    {
        var table = RunsTable();
        table.AddRow("cora", 0L, 0.8, null);

        var error = Assert.Throws<ArgumentException>(() => table.AddRow("cora", 1, 0.8, null));

        Assert.Contains("Row 1", error.Message);
        Assert.Contains("'seed'", error.Message);
        Assert.Contains("Int64", error.Message);
        Assert.Contains("Int32", error.Message);
        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void ANullInARequiredColumnNamesTheRowAndTheColumn()
    {
        var table = RunsTable();

        var error = Assert.Throws<ArgumentException>(() => table.AddRow(null, 0L, 0.8, null));

        Assert.Contains("Row 0", error.Message);
        Assert.Contains("'dataset'", error.Message);
        Assert.Contains("required", error.Message);
    }

    [Fact]
    public void ARejectedRowLeavesTheTableAsItWas()
    {
        var table = RunsTable();
        Assert.Throws<ArgumentException>(() => table.AddRow("cora", 0L, 0.8f, null));
        table.AddRow("cora", 0L, 0.8, null);

        Assert.Equal(1, table.RowCount);
        Assert.All(table.Columns, column => Assert.Equal(1, column.RowCount));
    }

    [Fact]
    public void TheNumberOfValuesMustMatchTheSchema()
    {
        var error = Assert.Throws<ArgumentException>(() => RunsTable().AddRow("cora", 0L));
        Assert.Contains("2 values", error.Message);
        Assert.Contains("4 columns", error.Message);
    }

    [Fact]
    public void StringsWithALoneSurrogateAreRejectedRatherThanAltered()
    {
        var error = Assert.Throws<ArgumentException>(() => RunsTable().AddRow("cora\uD800", 0L, null, null));
        Assert.Contains("surrogate", error.Message);
    }

    [Fact]
    public void TimestampsMustNameOneInstantInWholeMilliseconds()
    {
        var table = RunsTable();
        var local = Assert.Throws<ArgumentException>(() =>
            table.AddRow("cora", 0L, null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));
        Assert.Contains("Unspecified", local.Message);

        var subMillisecond = Assert.Throws<ArgumentException>(() =>
            table.AddRow("cora", 0L, null, DateTimeOffset.UnixEpoch.AddTicks(1)));
        Assert.Contains("sub-millisecond", subMillisecond.Message);
        Assert.Contains("'finished'", subMillisecond.Message);
    }

    [Fact]
    public void SchemasRejectDuplicateNamesIgnoringCase()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParquetSchema(
            new ParquetColumn("Accuracy", ParquetType.Double),
            new ParquetColumn("accuracy", ParquetType.Double)));
        Assert.Contains("accuracy", error.Message);
    }

    [Fact]
    public void SchemasNeedAtLeastOneNamedColumn()
    {
        Assert.Throws<ArgumentException>(() => new ParquetSchema());
        Assert.Throws<ArgumentException>(() => new ParquetSchema(new ParquetColumn("", ParquetType.Int32)));
    }
}
