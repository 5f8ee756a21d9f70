using A2Q.Quant.Data;

namespace A2Q.Quant.Tests.Data;

/// <summary>
/// The hand-made Planetoid-format files under Fixtures/planetoid (written by make_fixtures.py there).
/// "tiny" is a complete 10-node dataset; pickles/ holds single files with one deliberate defect each.
/// </summary>
internal static class PlanetoidFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "planetoid");

    public static string TinyFile(string extension) => Path.Combine(Directory, $"ind.tiny.{extension}");

    public static string SingleFile(string name) => Path.Combine(Directory, "pickles", name);

    /// <summary>tiny has 2 training nodes, so it asks for 3 validation nodes instead of the public split's 500.</summary>
    public static NodeClassificationDataset LoadTiny(string? directory = null) =>
        Planetoid.LoadFiles(directory ?? Directory, "tiny", "tiny", validationCount: 3, fetchHint: "regenerate them with make_fixtures.py");

    /// <summary>A scratch copy of the tiny dataset that a test may damage.</summary>
    public static TemporaryDirectory CopyTiny()
    {
        var scratch = new TemporaryDirectory();
        foreach (string extension in Planetoid.FileExtensions)
        {
            File.Copy(TinyFile(extension), Path.Combine(scratch.Path, $"ind.tiny.{extension}"));
        }

        return scratch;
    }
}
