using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;

namespace A2Q.Quant.Training;

/// <summary>
/// A graph-level dataset with the node inputs a recipe reads computed once (standardised degrees, types), shared
/// by every fold and run of a sweep.
/// </summary>
public sealed class PreparedGraphData
{
    public PreparedGraphData(GraphDataset dataset, NodeInputKind nodeInput, int minimumTypes = 0)
    {
        Dataset = dataset;
        NodeInput = nodeInput;
        Batcher = new GraphBatcher(dataset, GraphNodeInputs.For(dataset, nodeInput, minimumTypes));
    }

    public GraphDataset Dataset { get; }

    public NodeInputKind NodeInput { get; }

    public GraphBatcher Batcher { get; }

    /// <summary>Classes, or 1 output for regression.</summary>
    public int Outputs => Dataset.Task == GraphTask.Classification ? Dataset.ClassCount : 1;
}
