namespace A2Q.Quant.Data;

/// <summary>
/// A graph-classification dataset in the TU Dortmund format (Morris et al., "TUDataset", 2020), built the way PyG's
/// <c>TUDataset(root, name)</c> builds it (<c>read_tu_data</c>) from the files in <c>&lt;root&gt;/tu/&lt;name&gt;/</c>:
/// <list type="bullet">
/// <item><c>NAME_graph_indicator.txt</c>: each node's 1-based graph, non-decreasing; a graph's nodes are its block;</item>
/// <item><c>NAME_A.txt</c>: directed edges <c>u, v</c> in 1-based global node ids; per graph, self loops are dropped
/// and duplicates merged, sorted by (source, target) (PyG's <c>remove_self_loops</c> + <c>coalesce</c>);</item>
/// <item><c>NAME_graph_labels.txt</c>: one integer per graph, turned into its rank among the distinct labels
/// (<c>unique(sorted=True, return_inverse=True)</c>), so {−1, +1} become classes {0, 1};</item>
/// <item><c>NAME_node_labels.txt</c> (optional, one column): node types, minus the smallest label
/// (PyG one-hot encodes these; we keep the index).</item>
/// </list>
/// Edge labels and continuous attributes are not read.
/// </summary>
public static class TuDataset
{
    private static readonly char[] Comma = [','];

    public static string RawDirectory(string root, string name) => Path.Combine(root, "tu", name);

    public static string FileName(string name, string part) => $"{name}_{part}.txt";

    public static GraphDataset Load(string root, string name) => LoadFiles(RawDirectory(root, name), name);

    /// <summary>Loads <c>&lt;name&gt;_*.txt</c> from <paramref name="directory"/>.</summary>
    public static GraphDataset LoadFiles(string directory, string name)
    {
        string PathOf(string part) => Path.Combine(directory, FileName(name, part));
        string hint = $"copy the TU files of {name} (https://chrsmrrs.github.io/datasets/) into {directory}";

        int[] rawLabels = ReadIntegerColumn(PathOf("graph_labels"), "graph label", hint);
        int graphCount = rawLabels.Length;
        int[] graphOfNode = ReadIntegerColumn(PathOf("graph_indicator"), "graph id", hint);
        int[] firstNodeOfGraph = GraphBlocks(PathOf("graph_indicator"), graphOfNode, graphCount);

        string nodeLabelPath = PathOf("node_labels");
        int[]? nodeTypes = null;
        if (File.Exists(nodeLabelPath))
        {
            nodeTypes = ReadIntegerColumn(nodeLabelPath, "node label", hint);
            if (nodeTypes.Length != graphOfNode.Length)
            {
                throw new DatasetFormatException(nodeLabelPath, $"{nodeTypes.Length} node labels, but {FileName(name, "graph_indicator")} has {graphOfNode.Length} nodes");
            }

            int smallest = nodeTypes.Length == 0 ? 0 : nodeTypes.Min();
            for (int i = 0; i < nodeTypes.Length; i++)
            {
                nodeTypes[i] -= smallest;
            }
        }

        var (sources, targets) = ReadEdges(PathOf("A"), graphOfNode, firstNodeOfGraph, hint);

        int[] distinctLabels = rawLabels.Distinct().Order().ToArray();
        var samples = new GraphSample[graphCount];
        for (int g = 0; g < graphCount; g++)
        {
            int first = firstNodeOfGraph[g], nodeCount = firstNodeOfGraph[g + 1] - first;
            var graph = Graph.Coalesce(nodeCount, sources[g], targets[g], removeSelfLoops: true);
            samples[g] = new GraphSample(
                graph,
                GraphLabel.OfClass(Array.BinarySearch(distinctLabels, rawLabels[g])),
                nodeTypes: nodeTypes?[first..(first + nodeCount)]);
        }

        return new GraphDataset(name, GraphTask.Classification, Math.Max(distinctLabels.Length, 1), samples);
    }

    private static int[] ReadIntegerColumn(string path, string what, string hint)
    {
        using var reader = TextDataReader.Open(path, hint);
        var values = new List<int>();
        while (reader.ReadTokens(Comma) is string[] tokens)
        {
            if (tokens.Length != 1)
            {
                throw reader.Error($"expected one {what}, found {tokens.Length} values: '{string.Join(", ", tokens)}' (multi-column labels are not supported)");
            }

            values.Add(reader.ParseInt(tokens[0], $"the {what}"));
        }

        return values.ToArray();
    }

    /// <summary>
    /// Graph g's nodes are [result[g], result[g + 1]) in global 0-based ids. PyG splits by <c>bincount(batch)</c>,
    /// which is only right when each graph's nodes are one block, so the indicator must not go back.
    /// </summary>
    private static int[] GraphBlocks(string path, int[] graphOfNode, int graphCount)
    {
        var firstNode = new int[graphCount + 1];
        int nextGraph = 0, previousId = 1;
        for (int node = 0; node < graphOfNode.Length; node++)
        {
            int id = graphOfNode[node];
            if (id < previousId || id > graphCount)
            {
                throw new DatasetFormatException(
                    path,
                    $"line {node + 1}: graph id {id} "
                    + (id > graphCount
                        ? $"is outside the {graphCount} graphs of the graph labels file"
                        : $"follows graph {previousId}; nodes must be grouped by graph in increasing order"));
            }

            while (nextGraph < id)
            {
                firstNode[nextGraph++] = node;
            }

            previousId = id;
        }

        while (nextGraph <= graphCount)
        {
            firstNode[nextGraph++] = graphOfNode.Length;
        }

        return firstNode;
    }

    /// <summary>Each graph's edges in its own 0-based node ids, in file order.</summary>
    private static (List<int>[] Sources, List<int>[] Targets) ReadEdges(string path, int[] graphOfNode, int[] firstNodeOfGraph, string hint)
    {
        int graphCount = firstNodeOfGraph.Length - 1;
        var sources = Enumerable.Range(0, graphCount).Select(_ => new List<int>()).ToArray();
        var targets = Enumerable.Range(0, graphCount).Select(_ => new List<int>()).ToArray();

        using var reader = TextDataReader.Open(path, hint);
        while (reader.ReadTokens(Comma) is string[] tokens)
        {
            reader.RequireTokenCount(tokens, 2, "source, target");
            int u = reader.ParseInt(tokens[0], "the source node"), v = reader.ParseInt(tokens[1], "the target node");
            if (u < 1 || v < 1 || u > graphOfNode.Length || v > graphOfNode.Length)
            {
                throw reader.Error($"edge {u}, {v} names a node outside 1..{graphOfNode.Length}");
            }

            int graphId = graphOfNode[u - 1];
            if (graphOfNode[v - 1] != graphId)
            {
                throw reader.Error($"edge {u}, {v} joins graph {graphId} to graph {graphOfNode[v - 1]}");
            }

            int graph = graphId - 1;
            sources[graph].Add(u - 1 - firstNodeOfGraph[graph]);
            targets[graph].Add(v - 1 - firstNodeOfGraph[graph]);
        }

        return (sources, targets);
    }
}
