using System.Text.Json;
using A2Q.Grains.Results.Parquet;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>
/// Writes every conformance case with every codec into a temporary folder and has DuckDB read them all in one
/// Node process (starting DuckDB once keeps the test fast).
/// </summary>
public sealed class DuckDbConformanceFixture : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-parquet-duckdb-").FullName;
    private readonly Dictionary<(string Case, ParquetCompression Compression), JsonElement> reports = [];

    public DuckDbConformanceFixture()
    {
        try
        {
            var written = new List<(ConformanceCase Case, ParquetCompression Compression, string Path)>();
            foreach (var conformanceCase in ConformanceCases.Create())
            {
                foreach (var compression in Enum.GetValues<ParquetCompression>())
                {
                    var path = Path.Combine(folder, conformanceCase.FileName(compression));
                    ParquetWriter.WriteFile(path, conformanceCase.ToTable(), conformanceCase.Options(compression));
                    written.Add((conformanceCase, compression, path));
                }
            }
            Cases = written.Select(file => file.Case).DistinctBy(conformanceCase => conformanceCase.Name).ToList();

            var read = DuckDbParquetReader.Read(written.Select(file => file.Path).ToList());
            for (var index = 0; index < written.Count; index++)
            {
                reports[(written[index].Case.Name, written[index].Compression)] = read[index];
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal IReadOnlyList<ConformanceCase> Cases { get; } = [];

    internal ConformanceCase Case(string name) => Cases.Single(conformanceCase => conformanceCase.Name == name);

    /// <summary>What DuckDB read from one file (see read_parquet.mjs for the fields).</summary>
    internal JsonElement Report(string caseName, ParquetCompression compression) => reports[(caseName, compression)];

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
