using A2Q.Quant.Data;

namespace A2Q.Client.Commands;

/// <summary>Whether a table row's dataset can be loaded on this machine, and if not, why.</summary>
internal static class DataAvailability
{
    /// <summary>Null when the dataset is present; otherwise the reason it is not.</summary>
    public static string? Problem(string dataDirectory, string dataset)
    {
        if (GraphDatasets.Contains(dataset))
        {
            var absent = GraphDatasets.RawFiles(dataDirectory, dataset).Where(f => !File.Exists(f)).ToList();
            return absent.Count == 0 ? null : $"{string.Join(", ", absent)} missing (see shared/data/*/PROVENANCE.md)";
        }

        if (!Planetoid.Names.Contains(dataset, StringComparer.OrdinalIgnoreCase))
        {
            return $"{dataset} has no loader in this build yet and its raw files are not on this machine";
        }

        var missing = Planetoid.FileExtensions
            .Select(ext => Planetoid.FileName(dataset, ext))
            .Where(f => !File.Exists(Path.Combine(Planetoid.RawDirectory(dataDirectory), f)))
            .ToList();
        return missing.Count == 0
            ? null
            : $"{string.Join(", ", missing)} missing in {Planetoid.RawDirectory(dataDirectory)} (client data fetch {Planetoid.CanonicalName(dataset)})";
    }

    public static void Require(string dataDirectory, string dataset, string rowLabel)
    {
        if (Problem(dataDirectory, dataset) is { } problem)
        {
            throw new UsageException($"row {rowLabel} needs {dataset}: {problem}");
        }
    }
}
