using A2Q.Quant.Data.Pickle;

namespace A2Q.Quant.Data;

/// <summary>
/// The MNIST and CIFAR10 superpixel graphs of Benchmarking-GNNs (Dwivedi et al. 2020; SLIC superpixels, each
/// connected to its 8 most similar neighbours by a Gaussian kernel on position and intensity), as PyG's
/// <c>GNNBenchmarkDataset(root, 'MNIST' | 'CIFAR10', split)</c> builds them from its raw file
/// <c>&lt;NAME&gt;_v2.pt</c> (inside <c>https://data.pyg.org/datasets/benchmarking-gnns/&lt;NAME&gt;_v2.zip</c>), here read
/// from <c>&lt;root&gt;/superpixels/&lt;NAME&gt;_v2.pt</c>.
/// </summary>
/// <remarks>
/// That file is a <c>torch.save</c> of <c>[train, val, test]</c>, each a list of dicts that PyG passes to
/// <c>Data(**d)</c>: <c>x</c> (float [n, 1] intensity for MNIST, [n, 3] RGB for CIFAR10), <c>pos</c> (float [n, 2]
/// superpixel centre), <c>edge_index</c> (int64 [2, e], the kNN edges as stored, not re-sorted), <c>edge_attr</c>
/// (float [e] or [e, 1], the kernel weight) and <c>y</c> (the class, an int or a one-element tensor). The graphs are
/// kept in that order and the split is the three ranges: MNIST 55,000 / 5,000 / 10,000, CIFAR10 45,000 / 5,000 / 10,000.
/// The paper's models take <c>concat(x, pos)</c> as the node input (3 or 5 columns).
/// </remarks>
public static class GnnBenchmarkSuperpixels
{
    public const int ClassCount = 10;

    public static IReadOnlyList<string> Names { get; } = ["MNIST", "CIFAR10"];

    public static string CanonicalName(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown superpixel dataset '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));

    public static string RawDirectory(string root) => Path.Combine(root, "superpixels");

    public static string FileName(string name) => $"{CanonicalName(name)}_v2.pt";

    public static GraphDataset Load(string root, string name)
    {
        string canonical = CanonicalName(name);
        return LoadFile(Path.Combine(RawDirectory(root), FileName(canonical)), canonical);
    }

    /// <summary>Loads one <c>&lt;NAME&gt;_v2.pt</c> file (tests pass small fixtures).</summary>
    public static GraphDataset LoadFile(string path, string datasetName)
    {
        object? root = TorchArchive.ReadFile(
            path, $"download {Path.GetFileNameWithoutExtension(path)}.zip from https://data.pyg.org/datasets/benchmarking-gnns/ and unpack it into {Path.GetDirectoryName(path)}");
        if (AsSequence(root) is not { Count: 3 } splits)
        {
            throw new DatasetFormatException(path, $"expected a list of the three splits [train, val, test], found {PickleReader.Describe(root)}");
        }

        string[] splitNames = ["train", "val", "test"];
        var samples = new List<GraphSample>();
        var ranges = new int[4];
        for (int s = 0; s < 3; s++)
        {
            if (AsSequence(splits[s]) is not { } graphs)
            {
                throw new DatasetFormatException(path, $"split {splitNames[s]} is {PickleReader.Describe(splits[s])}, expected a list of graphs");
            }

            for (int i = 0; i < graphs.Count; i++)
            {
                samples.Add(ReadGraph(path, $"graph {i} of split {splitNames[s]}", graphs[i]));
            }

            ranges[s + 1] = samples.Count;
        }

        var split = new GraphSplit(
            Enumerable.Range(0, ranges[1]).ToArray(),
            Enumerable.Range(ranges[1], ranges[2] - ranges[1]).ToArray(),
            Enumerable.Range(ranges[2], ranges[3] - ranges[2]).ToArray());
        return new GraphDataset(datasetName, GraphTask.Classification, ClassCount, samples, split);
    }

    private static IReadOnlyList<object?>? AsSequence(object? value) => value switch
    {
        List<object?> list => list,
        PickleTuple tuple => tuple.Items,
        _ => null,
    };

    private static GraphSample ReadGraph(string path, string where, object? value)
    {
        DatasetFormatException Fail(string problem) => new(path, $"{where}: {problem}");

        if (value is not Dictionary<object, object?> dict)
        {
            throw Fail($"expected a dict of x, pos, edge_index, edge_attr and y, found {PickleReader.Describe(value)}");
        }

        TorchTensor Tensor(string key) =>
            dict.TryGetValue(key, out object? entry) ? entry as TorchTensor ?? throw Fail($"'{key}' is {PickleReader.Describe(entry)}, expected a tensor")
            : throw Fail($"has no '{key}' (keys: {string.Join(", ", dict.Keys)})");

        var x = Tensor("x");
        var pos = Tensor("pos");
        var edgeIndex = Tensor("edge_index");
        var edgeAttr = Tensor("edge_attr");

        int nodeCount = pos.Shape is [int n, GraphSample.PositionDimensions] ? n
            : throw Fail($"pos has shape {pos.ShapeText}, expected (nodes, 2)");
        int featureCount = x.Shape switch
        {
            [int rows] when rows == nodeCount => 1,
            [int rows, int columns] when rows == nodeCount && columns > 0 => columns,
            _ => throw Fail($"x has shape {x.ShapeText}, expected ({nodeCount}, features) to match pos"),
        };
        int edgeCount = edgeIndex.Shape is [2, int e] ? e
            : throw Fail($"edge_index has shape {edgeIndex.ShapeText}, expected (2, edges)");
        bool weightPerEdge = edgeAttr.Shape.Length is 1 or 2 && edgeAttr.Shape[0] == edgeCount && (edgeAttr.Shape.Length == 1 || edgeAttr.Shape[1] == 1);
        if (!weightPerEdge)
        {
            throw Fail($"edge_attr has shape {edgeAttr.ShapeText}, expected ({edgeCount},) or ({edgeCount}, 1) to match edge_index");
        }

        long[] ends = edgeIndex.ToInt64Array($"{where} edge_index");
        var sources = new int[edgeCount];
        var targets = new int[edgeCount];
        for (int k = 0; k < edgeCount; k++)
        {
            long source = ends[k], target = ends[edgeCount + k];
            if ((ulong)source >= (ulong)nodeCount || (ulong)target >= (ulong)nodeCount)
            {
                throw Fail($"edge {k} ({source} -> {target}) names a node outside the {nodeCount} nodes");
            }

            sources[k] = (int)source;
            targets[k] = (int)target;
        }

        int label = ReadLabel(dict.GetValueOrDefault("y"), where, Fail);
        return new GraphSample(
            new Graph(nodeCount, sources, targets),
            GraphLabel.OfClass(label),
            nodeFeatures: x.ToSingleArray($"{where} x"),
            nodeFeatureCount: featureCount,
            nodePositions: pos.ToSingleArray($"{where} pos"),
            edgeWeights: edgeAttr.ToSingleArray($"{where} edge_attr"));
    }

    private static int ReadLabel(object? y, string where, Func<string, DatasetFormatException> fail)
    {
        long value = y switch
        {
            long plain => plain,
            TorchTensor { ElementCount: 1, IsInteger: true } tensor => tensor.ToInt64Array($"{where} y")[0],
            _ => throw fail($"y is {PickleReader.Describe(y)}, expected a class (an int or a one-element integer tensor)"),
        };
        return value is >= 0 and < ClassCount ? (int)value : throw fail($"y is {value}, outside the {ClassCount} classes");
    }
}
