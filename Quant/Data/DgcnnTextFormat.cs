using System.IO.Compression;

namespace A2Q.Quant.Data;

/// <summary>
/// The single-file text format of DGCNN (Zhang et al., AAAI 2018) and GIN (Xu et al., ICLR 2019), produced from
/// TU datasets by <c>dortmund2txt</c>: line 1 holds the graph count; each graph is a line <c>n l</c> (node count,
/// label) followed by <c>n</c> lines <c>t m j1 … jm</c> (node tag, neighbour count, 0-based neighbours). Each
/// undirected edge is listed from both ends, so edges are taken as given: node → each listed neighbour.
/// </summary>
/// <remarks>
/// Labels become classes by rank among the distinct labels, as PyG's <c>read_tu_data</c> does
/// (<c>y.unique(sorted=True, return_inverse=True)</c>); dortmund2txt shifts TU labels by their minimum, so
/// REDDIT-BINARY's {−1, +1} appear as {0, 2} and come out as PyG's {0, 1}. Node tags are kept as node types only
/// when they vary: a constant tag carries nothing, and it is what a dataset without node labels gets.
/// Continuous node attributes after the neighbours are not supported (REDDIT-BINARY has none).
/// </remarks>
public static class DgcnnTextFormat
{
    /// <summary>Reads entry <paramref name="entryName"/> of the zip archive at <paramref name="archivePath"/>.</summary>
    public static GraphDataset ReadArchiveEntry(string archivePath, string entryName, string datasetName, string missingHint)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(archivePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(archivePath, $"the file is missing; {missingHint}", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(archivePath, $"not a readable zip archive (truncated or corrupt): {e.Message}", e);
        }

        using (archive)
        {
            var entry = archive.GetEntry(entryName) ?? throw new DatasetFormatException(
                archivePath,
                $"the archive has no entry {entryName}; it holds {string.Join(", ", archive.Entries.Take(5).Select(e => e.FullName))}"
                + (archive.Entries.Count > 5 ? $" and {archive.Entries.Count - 5} more" : string.Empty));
            Stream stream;
            try
            {
                stream = entry.Open();
            }
            catch (InvalidDataException e)
            {
                throw new DatasetFormatException(archivePath, $"entry {entryName} cannot be opened: {e.Message}", e);
            }

            using var reader = new TextDataReader(new StreamReader(stream), archivePath, entryName);
            return Read(reader, datasetName);
        }
    }

    /// <summary>Reads a DGCNN text file on disk.</summary>
    public static GraphDataset ReadFile(string path, string datasetName, string missingHint)
    {
        using var reader = TextDataReader.Open(path, missingHint);
        return Read(reader, datasetName);
    }

    internal static GraphDataset Read(TextDataReader reader, string datasetName)
    {
        string[] header = reader.ReadRequiredTokens("the graph count on line 1");
        reader.RequireTokenCount(header, 1, "the graph count");
        int graphCount = reader.ParseNonNegativeInt(header[0], "the graph count");

        var graphs = new List<(Graph Graph, int[] Tags, int RawLabel)>(graphCount);
        bool tagsVary = false;
        int? firstTag = null;
        for (int g = 0; g < graphCount; g++)
        {
            string[] graphHeader = reader.ReadRequiredTokens($"the header 'n l' of graph {g} of {graphCount}");
            reader.RequireTokenCount(graphHeader, 2, $"node count and label of graph {g}");
            int nodeCount = reader.ParseNonNegativeInt(graphHeader[0], $"the node count of graph {g}");
            int rawLabel = reader.ParseInt(graphHeader[1], $"the label of graph {g}");

            var tags = new int[nodeCount];
            var sources = new List<int>();
            var targets = new List<int>();
            for (int node = 0; node < nodeCount; node++)
            {
                string[] tokens = reader.ReadRequiredTokens($"node {node} of the {nodeCount} nodes of graph {g}");
                if (tokens.Length < 2)
                {
                    throw reader.Error($"node {node} of graph {g} has '{string.Join(' ', tokens)}', expected 'tag neighbour-count neighbours…'");
                }

                tags[node] = reader.ParseInt(tokens[0], $"the tag of node {node} of graph {g}");
                int neighbourCount = reader.ParseNonNegativeInt(tokens[1], $"the neighbour count of node {node} of graph {g}");
                if (tokens.Length != neighbourCount + 2)
                {
                    throw reader.Error($"node {node} of graph {g} announces {neighbourCount} neighbours but lists {tokens.Length - 2}");
                }

                for (int k = 0; k < neighbourCount; k++)
                {
                    int neighbour = reader.ParseNonNegativeInt(tokens[k + 2], $"neighbour {k} of node {node} of graph {g}");
                    if (neighbour >= nodeCount)
                    {
                        throw reader.Error($"neighbour {neighbour} of node {node} of graph {g} is outside the graph's {nodeCount} nodes");
                    }

                    sources.Add(node);
                    targets.Add(neighbour);
                }

                firstTag ??= tags[node];
                tagsVary |= tags[node] != firstTag;
            }

            graphs.Add((new Graph(nodeCount, sources.ToArray(), targets.ToArray()), tags, rawLabel));
        }

        reader.RequireEnd($"the {graphCount} graphs the first line announces");

        int[] distinctLabels = graphs.Select(g => g.RawLabel).Distinct().Order().ToArray();
        var samples = graphs
            .Select(g => new GraphSample(
                g.Graph,
                GraphLabel.OfClass(Array.BinarySearch(distinctLabels, g.RawLabel)),
                nodeTypes: tagsVary ? g.Tags : null))
            .ToArray();
        return new GraphDataset(datasetName, GraphTask.Classification, Math.Max(distinctLabels.Length, 1), samples);
    }
}
