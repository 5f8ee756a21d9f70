using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores;
using Xunit;

namespace A2Q.Grains.Tests.Stores;

public class RunSpecJsonTests
{
    [Fact]
    public void AFoldRoundTripsAndSpecsStoredBeforeFoldsReadAsNone()
    {
        var spec = new RunSpec { Key = "table2/REDDIT-BINARY/GIN/DQ/fold=3", Dataset = "REDDIT-BINARY", Model = "GIN", Method = "DQ", Seed = 3, Fold = 3, Row = "GIN-REDDIT-BINARY", CodeVersion = "v" };
        Assert.Equal(spec, RunSpecJson.Read(RunSpecJson.Write(spec)));

        const string stored = """{"key":"table1/Cora/GCN/FP32/seed=0","dataset":"Cora","model":"GCN","method":"FP32","variant":"authors","seed":0,"epochs":null,"row":"GCN-Cora","codeVersion":"v"}""";
        var old = RunSpecJson.Read(stored);
        Assert.Null(old.Fold);
        Assert.Equal(0, old.Seed);
    }
}
