using A2Q.Quant.Data.Transforms;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data;

/// <summary>
/// The Planetoid citation datasets (Cora, CiteSeer, PubMed; Yang, Cohen &amp; Salakhutdinov, ICML 2016) with the
/// public split, built from the upstream <c>ind.&lt;name&gt;.*</c> files in <c>&lt;root&gt;/planetoid/</c> exactly as
/// PyG's <c>Planetoid(root, name)</c> builds them (<c>read_planetoid_data</c>):
/// <list type="bullet">
/// <item>nodes are [allx; tx], with tx row k moved to node <c>test.index[k]</c>; ids inside the test range but
/// absent from test.index (CiteSeer's 15 isolated nodes) get a zero feature row and label 0 and are in no split;</item>
/// <item>labels are the argmax of the one-hot [ally; ty], reordered the same way;</item>
/// <item>train = the first len(y) nodes, validation = the next 500, test = test.index sorted;</item>
/// <item>edges come from <c>graph</c>, self loops removed and duplicates merged, both directions kept.</item>
/// </list>
/// Features stay sparse, with the entries the files store.
/// </summary>
public static class Planetoid
{
    /// <summary>The public split's validation size: the 500 nodes after the training nodes.</summary>
    public const int ValidationCount = 500;

    public static IReadOnlyList<string> Names { get; } = ["Cora", "CiteSeer", "PubMed"];

    /// <summary>The eight upstream files of a dataset are <c>ind.&lt;lower-case name&gt;.&lt;extension&gt;</c>.</summary>
    public static IReadOnlyList<string> FileExtensions { get; } = ["x", "tx", "allx", "y", "ty", "ally", "graph", "test.index"];

    /// <summary>The dataset's canonical spelling ("citeseer" → "CiteSeer").</summary>
    public static string CanonicalName(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown Planetoid dataset '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));

    /// <summary>The folder holding the raw <c>ind.*</c> files: <c>&lt;root&gt;/planetoid</c>.</summary>
    public static string RawDirectory(string root) => Path.Combine(root, "planetoid");

    public static string FileName(string name, string extension) => $"ind.{CanonicalName(name).ToLowerInvariant()}.{extension}";

    /// <summary>
    /// Loads <paramref name="name"/> (case-insensitive) from <c>&lt;root&gt;/planetoid/</c> and applies
    /// <paramref name="transform"/> if given. Throws <see cref="DatasetFormatException"/> naming the file when
    /// one is missing or malformed.
    /// </summary>
    public static NodeClassificationDataset Load(string root, string name, BaseTransform? transform = null)
    {
        string canonical = CanonicalName(name);
        var dataset = LoadFiles(
            RawDirectory(root),
            canonical.ToLowerInvariant(),
            canonical,
            ValidationCount,
            $"run `client data fetch {canonical}` to download the missing files");
        return transform is null ? dataset : transform.Forward(dataset);
    }

    /// <summary>
    /// Loads <c>ind.&lt;prefix&gt;.*</c> from <paramref name="directory"/>. Tests use it for small fixtures, which
    /// need a validation set smaller than the public split's 500.
    /// </summary>
    internal static NodeClassificationDataset LoadFiles(string directory, string prefix, string datasetName, int validationCount, string fetchHint)
    {
        string PathOf(string extension) => Path.Combine(directory, $"ind.{prefix}.{extension}");

        // Check every file first, so a partial download fails with one message instead of a parse error later.
        var missing = FileExtensions.Select(PathOf).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            string others = missing.Count > 1
                ? $" (so are {string.Join(", ", missing.Skip(1).Select(Path.GetFileName))})"
                : string.Empty;
            throw new DatasetFormatException(
                missing[0],
                $"the {datasetName} file {Path.GetFileName(missing[0])} is missing{others}; {fetchHint}, "
                + $"or copy the upstream ind.{prefix}.* files into {directory} by hand");
        }

        var x = PlanetoidFileReader.ReadFeatures(PathOf("x"));
        var tx = PlanetoidFileReader.ReadFeatures(PathOf("tx"));
        var allx = PlanetoidFileReader.ReadFeatures(PathOf("allx"));
        var y = PlanetoidFileReader.ReadIntegerMatrix(PathOf("y"));
        var ty = PlanetoidFileReader.ReadIntegerMatrix(PathOf("ty"));
        var ally = PlanetoidFileReader.ReadIntegerMatrix(PathOf("ally"));
        var adjacency = PlanetoidFileReader.ReadAdjacency(PathOf("graph"));
        int[] testIndex = PlanetoidFileReader.ReadTestIndex(PathOf("test.index"));

        RequireAgreement(PathOf("x"), "columns", x.Columns, "allx", allx.Columns);
        RequireAgreement(PathOf("tx"), "columns", tx.Columns, "allx", allx.Columns);
        RequireAgreement(PathOf("x"), "rows", x.Rows, "y", y.Rows);
        RequireAgreement(PathOf("tx"), "rows", tx.Rows, "ty", ty.Rows);
        RequireAgreement(PathOf("allx"), "rows", allx.Rows, "ally", ally.Rows);
        RequireAgreement(PathOf("y"), "classes", y.Columns, "ally", ally.Columns);
        RequireAgreement(PathOf("ty"), "classes", ty.Columns, "ally", ally.Columns);
        RequireAgreement(PathOf("test.index"), "ids", testIndex.Length, "tx rows", tx.Rows);

        int nodeCount = PlaceTestNodes(PathOf("test.index"), testIndex, allx.Rows, out int[] testRowOfNode);
        if (y.Rows + validationCount > allx.Rows)
        {
            throw new DatasetFormatException(
                PathOf("y"),
                $"{y.Rows} training nodes plus {validationCount} validation nodes run past the {allx.Rows} rows of allx");
        }

        var features = StackFeatures(allx, tx, testRowOfNode);
        int[] labels = StackLabels(ally, ty, testRowOfNode);
        var graph = BuildGraph(PathOf("graph"), adjacency, nodeCount);

        int[] trainIndex = Enumerable.Range(0, y.Rows).ToArray();
        int[] validationIndex = Enumerable.Range(y.Rows, validationCount).ToArray();
        int[] sortedTestIndex = (int[])testIndex.Clone();
        Array.Sort(sortedTestIndex);

        return new NodeClassificationDataset(
            datasetName, graph, features, labels, ally.Columns, trainIndex, validationIndex, sortedTestIndex);
    }

    private static void RequireAgreement(string path, string what, int count, string otherName, int otherCount)
    {
        if (count != otherCount)
        {
            throw new DatasetFormatException(path, $"shape mismatch: {count} {what}, but {otherName} has {otherCount}");
        }
    }

    /// <summary>
    /// Test nodes occupy ids [allx rows, max test id]; PyG's concatenation [allx; tx_ext] only lines up when the
    /// smallest test id is the first id after allx. Returns the node count and, per id in that range, which tx
    /// row feeds it (-1 for ids not in test.index).
    /// </summary>
    private static int PlaceTestNodes(string path, int[] testIndex, int firstTestNode, out int[] testRowOfNode)
    {
        if (testIndex.Length == 0)
        {
            testRowOfNode = [];
            return firstTestNode;
        }

        int lowest = testIndex.Min(), highest = testIndex.Max();
        if (lowest != firstTestNode)
        {
            throw new DatasetFormatException(path, $"the smallest test id is {lowest}, expected {firstTestNode} (the number of allx rows)");
        }

        testRowOfNode = new int[highest - lowest + 1];
        Array.Fill(testRowOfNode, -1);
        for (int k = 0; k < testIndex.Length; k++)
        {
            ref int slot = ref testRowOfNode[testIndex[k] - lowest];
            if (slot >= 0)
            {
                throw new DatasetFormatException(path, $"test id {testIndex[k]} appears twice (lines {slot + 1} and {k + 1})");
            }

            slot = k;
        }

        return highest + 1;
    }

    private static SparseMatrix StackFeatures(SparseMatrix allx, SparseMatrix tx, int[] testRowOfNode)
    {
        int nodeCount = allx.Rows + testRowOfNode.Length;
        var rowPointers = new int[nodeCount + 1];
        for (int node = 0; node < nodeCount; node++)
        {
            int length = node < allx.Rows
                ? allx.Pattern.RowLength(node)
                : testRowOfNode[node - allx.Rows] is int k and >= 0 ? tx.Pattern.RowLength(k) : 0;
            rowPointers[node + 1] = rowPointers[node] + length;
        }

        var columns = new int[rowPointers[nodeCount]];
        var values = new float[columns.Length];
        for (int node = 0; node < nodeCount; node++)
        {
            var (source, row) = node < allx.Rows ? (allx, node) : (tx, testRowOfNode[node - allx.Rows]);
            if (row < 0)
            {
                continue;
            }

            int start = source.Pattern.RowPointers[row], length = source.Pattern.RowLength(row);
            Array.Copy(source.Pattern.ColumnIndices, start, columns, rowPointers[node], length);
            Array.Copy(source.Values, start, values, rowPointers[node], length);
        }

        return new SparseMatrix(new CsrPattern(nodeCount, allx.Columns, rowPointers, columns), values);
    }

    private static int[] StackLabels((int Rows, int Columns, int[] Values) ally, (int Rows, int Columns, int[] Values) ty, int[] testRowOfNode)
    {
        var labels = new int[ally.Rows + testRowOfNode.Length];
        for (int node = 0; node < labels.Length; node++)
        {
            if (node < ally.Rows)
            {
                labels[node] = ArgMax(ally.Values.AsSpan(node * ally.Columns, ally.Columns));
            }
            else if (testRowOfNode[node - ally.Rows] is int k and >= 0)
            {
                labels[node] = ArgMax(ty.Values.AsSpan(k * ty.Columns, ty.Columns));
            }
        }

        return labels;
    }

    /// <summary>The first maximum, as torch's <c>max(dim=1)</c> returns for one-hot rows (0 for an all-zero row).</summary>
    private static int ArgMax(ReadOnlySpan<int> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    private static Graph BuildGraph(string path, List<(int Node, int[] Neighbours)> adjacency, int nodeCount)
    {
        var sources = new List<int>();
        var targets = new List<int>();
        foreach (var (node, neighbours) in adjacency)
        {
            foreach (int neighbour in neighbours)
            {
                if (node >= nodeCount || neighbour >= nodeCount)
                {
                    throw new DatasetFormatException(path, $"edge {node} -> {neighbour} names a node outside the {nodeCount} nodes");
                }

                sources.Add(node);
                targets.Add(neighbour);
            }
        }

        // The upstream lists hold duplicate edges and (CiteSeer) self loops; PyG removes both.
        return Graph.Coalesce(nodeCount, sources, targets, removeSelfLoops: true);
    }
}
