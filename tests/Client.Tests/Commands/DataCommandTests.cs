using Xunit;

namespace A2Q.Client.Tests.Commands;

public class DataCommandTests
{
    [Fact]
    public void ListShowsPresentAndMissingDatasets()
    {
        var (exit, output, _) = ClientProcess.Run("data", "list", "--data-dir", ClientProcess.DataDirectory);
        Assert.Equal(0, exit);
        Assert.Contains("Cora       present", output);
        Assert.Contains("PubMed     missing ind.pubmed.allx", output);
    }

    [Fact]
    public void FetchWithoutANetworkFailsClearlyAndLeavesNothingBehind()
    {
        string root = Directory.CreateTempSubdirectory("a2q-fetch-").FullName;
        try
        {
            var (exit, _, error) = ClientProcess.Run("data", "fetch", "Cora", "--data-dir", root);
            Assert.Equal(2, exit);
            Assert.Contains("error: ", error);
            Assert.Contains("by hand", error);
            Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
