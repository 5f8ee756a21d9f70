namespace A2Q.Quant.Data;

/// <summary>
/// One graph of a graph-level dataset, PyG's <c>Data</c> for graph classification and regression: the edges
/// (both directions of every undirected edge, in the order PyG's loader would give them), optional per-node
/// integer types (ZINC atoms, TU node labels), optional dense per-node features and positions (superpixel
/// intensity and centre), optional per-edge types (ZINC bonds) or weights (superpixel kNN affinities), and the label.
/// </summary>
public sealed class GraphSample
{
    public GraphSample(
        Graph graph,
        GraphLabel label,
        int[]? nodeTypes = null,
        float[]? nodeFeatures = null,
        int nodeFeatureCount = 0,
        float[]? nodePositions = null,
        int[]? edgeTypes = null,
        float[]? edgeWeights = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int nodes = graph.NodeCount, edges = graph.EdgeCount;
        RequireLength(nodeTypes?.Length, nodes, "node types", "nodes");
        RequireLength(edgeTypes?.Length, edges, "edge types", "edges");
        RequireLength(edgeWeights?.Length, edges, "edge weights", "edges");
        RequireLength(nodePositions?.Length, nodes * PositionDimensions, "position coordinates", $"nodes × {PositionDimensions}");
        if (nodeFeatures is null)
        {
            if (nodeFeatureCount != 0)
            {
                throw new ArgumentException($"{nodeFeatureCount} feature columns given without features");
            }
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodeFeatureCount);
            RequireLength(nodeFeatures.Length, nodes * nodeFeatureCount, "feature values", $"nodes × {nodeFeatureCount} columns");
        }

        Graph = graph;
        Label = label;
        NodeTypes = nodeTypes;
        NodeFeatures = nodeFeatures;
        NodeFeatureCount = nodeFeatureCount;
        NodePositions = nodePositions;
        EdgeTypes = edgeTypes;
        EdgeWeights = edgeWeights;
    }

    /// <summary>Superpixel positions are (x, y) image coordinates.</summary>
    public const int PositionDimensions = 2;

    public Graph Graph { get; }

    public GraphLabel Label { get; }

    public int NodeCount => Graph.NodeCount;

    /// <summary>One integer type per node (an embedding index), or null when the dataset has none.</summary>
    public int[]? NodeTypes { get; }

    /// <summary>Row-major NodeCount × <see cref="NodeFeatureCount"/>, or null.</summary>
    public float[]? NodeFeatures { get; }

    public int NodeFeatureCount { get; }

    /// <summary>Row-major NodeCount × 2, or null.</summary>
    public float[]? NodePositions { get; }

    /// <summary>One integer type per edge, aligned with <see cref="Graph"/>'s edge order, or null.</summary>
    public int[]? EdgeTypes { get; }

    /// <summary>One weight per edge, aligned with <see cref="Graph"/>'s edge order, or null.</summary>
    public float[]? EdgeWeights { get; }

    private static void RequireLength(int? actual, int expected, string what, string per)
    {
        if (actual is int length && length != expected)
        {
            throw new ArgumentException($"{length} {what} for {expected} ({per})");
        }
    }
}
