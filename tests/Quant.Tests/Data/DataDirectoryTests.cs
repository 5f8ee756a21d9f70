using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class DataDirectoryTests
{
    [Fact]
    public void TheEnvironmentVariableWinsWhenSet()
    {
        // Only reads the variable: setting it here would race with the real-data tests running in parallel.
        Assert.Equal(RealPlanetoidData.Root, DataDirectory.Default);
    }
}
