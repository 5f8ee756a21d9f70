namespace A2Q.Grains.Results;

/// <summary>Writes a reproduced table somewhere (Parquet files, Markdown); returns the paths written.</summary>
public interface IResultExporter
{
    IReadOnlyList<string> Export(ResultTable table, string outputDirectory);
}
