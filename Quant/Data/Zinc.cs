namespace A2Q.Quant.Data;

/// <summary>
/// The ZINC subset of Benchmarking-GNNs (Dwivedi et al. 2020), as PyG's <c>ZINC(root, subset=True)</c> gives it:
/// 10,000 / 1,000 / 1,000 molecules, atom types as node types, bond types as edge types, penalized logP as the
/// regression target. Read from the staged "NEL" text files in <c>&lt;root&gt;/zinc/</c> (layout in
/// shared/data/zinc/PROVENANCE.md): <c>ZINC_Nodes.txt</c> (<c>graph node atom</c>, lines in any order),
/// <c>ZINC_Edges.txt</c> (<c>graph u v bond</c>, one line per undirected bond), <c>ZINC_Labels.txt</c>
/// (<c>graph y</c>), and the subset index files, whose lengths give the split: graphs are stored train, then
/// validation, then test.
/// </summary>
/// <remarks>
/// Edges come out in both directions sorted by (source, target), the order PyG's <c>adj.nonzero()</c> over the
/// upstream dense bond matrix produces, with each bond's type on both of its directed edges.
/// </remarks>
public static class Zinc
{
    public const string Name = "ZINC";

    /// <summary>Entries of the upstream atom dictionary (atom_dict.pickle); the subset uses types 0–20.</summary>
    public const int AtomTypeCount = 28;

    /// <summary>PyG's bond ids: 1 single, 2 double, 3 triple (0 means "no bond" upstream and never occurs as an edge).</summary>
    public const int BondTypeCount = 4;

    public const string NodesFileName = "ZINC_Nodes.txt";

    public const string EdgesFileName = "ZINC_Edges.txt";

    public const string LabelsFileName = "ZINC_Labels.txt";

    public static IReadOnlyList<string> SplitIndexFileNames { get; } = ["train.index", "val.index", "test.index"];

    public static string RawDirectory(string root) => Path.Combine(root, "zinc");

    public static GraphDataset Load(string root) => LoadFiles(RawDirectory(root));

    /// <summary>Loads the files in <paramref name="directory"/> (tests point it at fixtures).</summary>
    public static GraphDataset LoadFiles(string directory)
    {
        string PathOf(string fileName) => Path.Combine(directory, fileName);
        string hint = $"copy the staged ZINC files (see shared/data/zinc/PROVENANCE.md) into {directory}";

        float[] targets = ReadLabels(PathOf(LabelsFileName), hint);
        int graphCount = targets.Length;
        int[][] atomTypes = ReadNodes(PathOf(NodesFileName), graphCount, hint);
        var bonds = ReadEdges(PathOf(EdgesFileName), atomTypes, hint);

        int[] splitSizes = SplitIndexFileNames.Select(name => ReadIndexCount(PathOf(name), hint)).ToArray();
        if (splitSizes.Sum() != graphCount)
        {
            throw new DatasetFormatException(
                PathOf(LabelsFileName),
                $"{graphCount} graphs, but the index files list {string.Join(" + ", splitSizes)} = {splitSizes.Sum()}");
        }

        var samples = new GraphSample[graphCount];
        for (int g = 0; g < graphCount; g++)
        {
            samples[g] = BuildSample(atomTypes[g], bonds[g], targets[g]);
        }

        int trainEnd = splitSizes[0], validationEnd = trainEnd + splitSizes[1];
        var split = new GraphSplit(
            Enumerable.Range(0, trainEnd).ToArray(),
            Enumerable.Range(trainEnd, splitSizes[1]).ToArray(),
            Enumerable.Range(validationEnd, splitSizes[2]).ToArray());
        return new GraphDataset(Name, GraphTask.Regression, classCount: 0, samples, split);
    }

    private static float[] ReadLabels(string path, string hint)
    {
        using var reader = TextDataReader.Open(path, hint);
        var targets = new List<float>();
        while (reader.ReadTokens() is string[] tokens)
        {
            reader.RequireTokenCount(tokens, 2, "graph id, target");
            int graph = reader.ParseNonNegativeInt(tokens[0], "the graph id");
            if (graph != targets.Count)
            {
                throw reader.Error($"graph id {graph} where {targets.Count} was expected; labels must list graphs 0, 1, 2, … in order");
            }

            targets.Add(reader.ParseFloat(tokens[1], $"the target of graph {graph}"));
        }

        return targets.ToArray();
    }

    /// <summary>Atom type per node, indexed by node id (lines are in networkx order, not sorted).</summary>
    private static int[][] ReadNodes(string path, int graphCount, string hint)
    {
        var nodesOfGraph = new List<(int Node, int Atom)>[graphCount];
        for (int g = 0; g < graphCount; g++)
        {
            nodesOfGraph[g] = [];
        }

        var lineOfNode = new Dictionary<(int Graph, int Node), int>();
        using (var reader = TextDataReader.Open(path, hint))
        {
            while (reader.ReadTokens() is string[] tokens)
            {
                reader.RequireTokenCount(tokens, 3, "graph id, node id, atom type");
                int graph = ReadGraphId(reader, tokens[0], graphCount);
                int node = reader.ParseNonNegativeInt(tokens[1], $"the node id in graph {graph}");
                int atom = reader.ParseNonNegativeInt(tokens[2], $"the atom type of node {node} of graph {graph}");
                if (atom >= AtomTypeCount)
                {
                    throw reader.Error($"atom type {atom} of node {node} of graph {graph} is outside the {AtomTypeCount} types of the atom dictionary");
                }

                if (!lineOfNode.TryAdd((graph, node), reader.LineNumber))
                {
                    throw reader.Error($"node {node} of graph {graph} was already listed on line {lineOfNode[(graph, node)]}");
                }

                nodesOfGraph[graph].Add((node, atom));
            }

            var atomTypes = new int[graphCount][];
            for (int g = 0; g < graphCount; g++)
            {
                var nodes = nodesOfGraph[g];
                atomTypes[g] = new int[nodes.Count];
                foreach (var (node, atom) in nodes)
                {
                    if (node >= nodes.Count)
                    {
                        throw new DatasetFormatException(
                            path,
                            $"graph {g} has {nodes.Count} nodes but a node id {node} (line {lineOfNode[(g, node)]}); node ids must be 0..n−1");
                    }

                    atomTypes[g][node] = atom;
                }

                if (nodes.Count == 0)
                {
                    throw new DatasetFormatException(path, $"graph {g} has no nodes; every graph of {LabelsFileName} needs at least one");
                }
            }

            return atomTypes;
        }
    }

    private static List<(int U, int V, int Bond)>[] ReadEdges(string path, int[][] atomTypes, string hint)
    {
        var bonds = new List<(int U, int V, int Bond)>[atomTypes.Length];
        for (int g = 0; g < bonds.Length; g++)
        {
            bonds[g] = [];
        }

        var lineOfBond = new Dictionary<(int Graph, int Low, int High), int>();
        using var reader = TextDataReader.Open(path, hint);
        while (reader.ReadTokens() is string[] tokens)
        {
            reader.RequireTokenCount(tokens, 4, "graph id, node u, node v, bond type");
            int graph = ReadGraphId(reader, tokens[0], atomTypes.Length);
            int nodeCount = atomTypes[graph].Length;
            int u = reader.ParseNonNegativeInt(tokens[1], $"node u of a bond in graph {graph}");
            int v = reader.ParseNonNegativeInt(tokens[2], $"node v of a bond in graph {graph}");
            int bond = reader.ParseInt(tokens[3], $"the bond type of {u}–{v} in graph {graph}");
            if (u >= nodeCount || v >= nodeCount)
            {
                throw reader.Error($"bond {u}–{v} of graph {graph} names a node outside the graph's {nodeCount} nodes");
            }

            if (u == v)
            {
                throw reader.Error($"bond {u}–{v} of graph {graph} is a self loop");
            }

            if (bond is < 1 or >= BondTypeCount)
            {
                throw reader.Error($"bond type {bond} of {u}–{v} in graph {graph} is not 1 (single), 2 (double) or 3 (triple)");
            }

            if (!lineOfBond.TryAdd((graph, Math.Min(u, v), Math.Max(u, v)), reader.LineNumber))
            {
                throw reader.Error($"bond {u}–{v} of graph {graph} was already listed on line {lineOfBond[(graph, Math.Min(u, v), Math.Max(u, v))]}");
            }

            bonds[graph].Add((u, v, bond));
        }

        return bonds;
    }

    private static int ReadGraphId(TextDataReader reader, string token, int graphCount)
    {
        int graph = reader.ParseNonNegativeInt(token, "the graph id");
        return graph < graphCount
            ? graph
            : throw reader.Error($"graph id {graph} is outside the {graphCount} graphs of {LabelsFileName}");
    }

    /// <summary>The upstream index files are one line of comma-separated molecule ids; only their number matters here.</summary>
    private static int ReadIndexCount(string path, string hint)
    {
        using var reader = TextDataReader.Open(path, hint);
        string[] ids = reader.ReadTokens([',']) ?? throw reader.Truncated("one line of comma-separated indices");
        for (int k = 0; k < ids.Length; k++)
        {
            reader.ParseNonNegativeInt(ids[k], $"index {k}");
        }

        reader.RequireEnd("the single line of indices");
        return ids.Length;
    }

    private static GraphSample BuildSample(int[] atomTypes, List<(int U, int V, int Bond)> bonds, float target)
    {
        var directed = new List<(int Source, int Target, int Bond)>(2 * bonds.Count);
        foreach (var (u, v, bond) in bonds)
        {
            directed.Add((u, v, bond));
            directed.Add((v, u, bond));
        }

        directed.Sort((a, b) => a.Source != b.Source ? a.Source.CompareTo(b.Source) : a.Target.CompareTo(b.Target));
        var graph = new Graph(
            atomTypes.Length,
            directed.Select(e => e.Source).ToArray(),
            directed.Select(e => e.Target).ToArray());
        return new GraphSample(
            graph,
            GraphLabel.OfTarget(target),
            nodeTypes: atomTypes,
            edgeTypes: directed.Select(e => e.Bond).ToArray());
    }
}
