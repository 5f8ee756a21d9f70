using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data.Batching;

/// <summary>
/// Graphs of a mini-batch merged into one disconnected graph (PyG's Batch): the adjacency is block-diagonal,
/// graph g's nodes are the contiguous rows [GraphPointers[g], GraphPointers[g+1]), and its edges are offset by
/// GraphPointers[g]. Message passing on the merged graph never crosses graphs; readouts pool per block.
/// </summary>
public sealed class GraphBatch
{
    private GraphInput? input;
    private int[]? inDegrees;

    internal GraphBatch(Graph graph, int[] graphPointers, int[] samples, Tensor? features, int[]? nodeTypes, int[]? classLabels, float[]? targets)
    {
        Graph = graph;
        GraphPointers = graphPointers;
        Samples = samples;
        Features = features;
        NodeTypes = nodeTypes;
        ClassLabels = classLabels;
        Targets = targets;
    }

    public Graph Graph { get; }

    /// <summary>GraphCount + 1 offsets into the node rows.</summary>
    public int[] GraphPointers { get; }

    /// <summary>The dataset positions of the batch's graphs, in batch order.</summary>
    public int[] Samples { get; }

    public int GraphCount => Samples.Length;

    public int NodeCount => Graph.NodeCount;

    /// <summary>NodeCount × F dense inputs, or null when the inputs are types.</summary>
    public Tensor? Features { get; }

    /// <summary>One type per node, or null when the inputs are dense.</summary>
    public int[]? NodeTypes { get; }

    /// <summary>One class per graph (classification), or null.</summary>
    public int[]? ClassLabels { get; }

    /// <summary>One target per graph (regression), or null.</summary>
    public float[]? Targets { get; }

    /// <summary>The operators the convolutions read, built on first use.</summary>
    public GraphInput Input => input ??= new GraphInput(Graph);

    public int[] InDegrees() => inDegrees ??= Graph.InDegrees();
}
