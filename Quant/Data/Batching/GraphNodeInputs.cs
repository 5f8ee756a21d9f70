namespace A2Q.Quant.Data.Batching;

/// <summary>
/// Each graph's per-node model input, computed once per dataset: dense feature rows (<see cref="Features"/>) or
/// integer types (<see cref="Types"/>), so batching only copies.
/// </summary>
public sealed class GraphNodeInputs
{
    private GraphNodeInputs(NodeInputKind kind, int featureCount, float[][]? features, int[][]? types, int typeCount)
    {
        Kind = kind;
        FeatureCount = featureCount;
        Features = features;
        Types = types;
        TypeCount = typeCount;
    }

    public NodeInputKind Kind { get; }

    /// <summary>Columns of the dense input; 0 for typed inputs.</summary>
    public int FeatureCount { get; }

    /// <summary>Per graph, row-major nodes × <see cref="FeatureCount"/>; null for typed inputs.</summary>
    public float[][]? Features { get; }

    /// <summary>Per graph, one type per node; null for dense inputs.</summary>
    public int[][]? Types { get; }

    /// <summary>Number of distinct types (max + 1, at least <c>minimumTypes</c>); 0 for dense inputs.</summary>
    public int TypeCount { get; }

    public static GraphNodeInputs For(GraphDataset dataset, NodeInputKind kind, int minimumTypes = 0) => kind switch
    {
        NodeInputKind.StandardizedDegree => StandardizedDegree(dataset),
        NodeInputKind.NodeTypes => NodeTypes(dataset, minimumTypes),
        NodeInputKind.FeaturesAndPositions => FeaturesAndPositions(dataset),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node input"),
    };

    private static GraphNodeInputs StandardizedDegree(GraphDataset dataset)
    {
        var degrees = dataset.Samples.Select(OutDegrees).ToArray();
        long n = degrees.Sum(d => (long)d.Length);
        if (n < 2)
        {
            throw new ArgumentException($"{dataset.Name}: standardising degrees needs at least two nodes, the dataset has {n}");
        }

        double mean = degrees.Sum(d => d.Sum(x => (double)x)) / n;
        double squares = degrees.Sum(d => d.Sum(x => (x - mean) * (x - mean)));
        double std = Math.Sqrt(squares / (n - 1));
        if (std == 0)
        {
            throw new ArgumentException($"{dataset.Name}: every node has degree {mean}; a standardised degree would divide by zero");
        }

        var features = degrees.Select(d => d.Select(x => (float)((x - mean) / std)).ToArray()).ToArray();
        return new GraphNodeInputs(NodeInputKind.StandardizedDegree, 1, features, null, 0);
    }

    private static GraphNodeInputs NodeTypes(GraphDataset dataset, int minimumTypes)
    {
        var types = new int[dataset.Count][];
        int max = -1;
        for (int g = 0; g < dataset.Count; g++)
        {
            types[g] = dataset.Samples[g].NodeTypes
                ?? throw new ArgumentException($"{dataset.Name}: graph {g} has no node types to embed");
            foreach (int t in types[g])
            {
                if (t < 0)
                {
                    throw new ArgumentException($"{dataset.Name}: graph {g} has the negative node type {t}");
                }

                max = Math.Max(max, t);
            }
        }

        return new GraphNodeInputs(NodeInputKind.NodeTypes, 0, null, types, Math.Max(max + 1, minimumTypes));
    }

    private static GraphNodeInputs FeaturesAndPositions(GraphDataset dataset)
    {
        var first = dataset.Samples.Count > 0 ? dataset.Samples[0] : null;
        int own = first?.NodeFeatureCount ?? 0;
        int columns = own + (first?.NodePositions is null ? 0 : GraphSample.PositionDimensions);
        var features = new float[dataset.Count][];
        for (int g = 0; g < dataset.Count; g++)
        {
            var s = dataset.Samples[g];
            int rowColumns = s.NodeFeatureCount + (s.NodePositions is null ? 0 : GraphSample.PositionDimensions);
            if (rowColumns != columns || rowColumns == 0)
            {
                throw new ArgumentException($"{dataset.Name}: graph {g} has {rowColumns} feature and position columns, graph 0 has {columns}");
            }

            var rows = new float[s.NodeCount * columns];
            for (int i = 0; i < s.NodeCount; i++)
            {
                s.NodeFeatures?.AsSpan(i * s.NodeFeatureCount, s.NodeFeatureCount).CopyTo(rows.AsSpan(i * columns));
                s.NodePositions?.AsSpan(i * GraphSample.PositionDimensions, GraphSample.PositionDimensions).CopyTo(rows.AsSpan((i * columns) + s.NodeFeatureCount));
            }

            features[g] = rows;
        }

        return new GraphNodeInputs(NodeInputKind.FeaturesAndPositions, columns, features, null, 0);
    }

    /// <summary>PyG's degree(edge_index[0]): edges leaving each node.</summary>
    private static int[] OutDegrees(GraphSample sample)
    {
        var degree = new int[sample.NodeCount];
        foreach (int s in sample.Graph.Sources)
        {
            degree[s]++;
        }

        return degree;
    }
}
