using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

/// <summary>
/// The staged graph-level datasets (reddit-binary/, zinc/), found through A2Q_DATA_DIR (CI always sets it). Tests
/// that need them fail, rather than pass vacuously, when the variable is unset or a file is absent.
/// </summary>
internal static class RealGraphData
{
    public static string RequireRoot(params string[] relativePaths)
    {
        string? root = Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(root))
        {
            Assert.Fail($"{DataDirectory.EnvironmentVariable} is not set; point it at the folder holding reddit-binary/ and zinc/ (e.g. ../shared/data) to run the real-data tests");
        }

        foreach (string relative in relativePaths)
        {
            string path = Path.Combine(root, relative);
            if (!File.Exists(path))
            {
                Assert.Fail($"{path} is missing; the real-data tests need the staged files under {DataDirectory.EnvironmentVariable}");
            }
        }

        return root;
    }
}
