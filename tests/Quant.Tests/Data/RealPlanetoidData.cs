using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

/// <summary>
/// The upstream Planetoid files, found through A2Q_DATA_DIR (CI always sets it). Tests that need them fail,
/// rather than pass vacuously, when the variable is unset or a file is absent.
/// </summary>
internal static class RealPlanetoidData
{
    public static string Root
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(root))
            {
                Assert.Fail($"{DataDirectory.EnvironmentVariable} is not set; point it at the folder holding planetoid/ (e.g. ../shared/data) to run the real-data tests");
            }

            return root;
        }
    }

    public static string RequireFile(string fileName)
    {
        string path = Path.Combine(Planetoid.RawDirectory(Root), fileName);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing; the real-data tests need the upstream Planetoid files under {DataDirectory.EnvironmentVariable}/planetoid/");
        }

        return path;
    }

    public static string RequireDataset(string name)
    {
        foreach (string extension in Planetoid.FileExtensions)
        {
            RequireFile(Planetoid.FileName(name, extension));
        }

        return Root;
    }
}
