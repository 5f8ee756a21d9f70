using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data;

/// <summary>
/// One graph with node features, one label per node and a fixed train/validation/test split
/// (the Planetoid public split for Cora, CiteSeer, PubMed).
/// </summary>
public sealed class NodeClassificationDataset
{
    public NodeClassificationDataset(
        string name,
        Graph graph,
        SparseMatrix features,
        int[] labels,
        int classCount,
        int[] trainIndex,
        int[] validationIndex,
        int[] testIndex)
    {
        if (features.Rows != graph.NodeCount)
        {
            throw new ArgumentException($"{name}: {features.Rows} feature rows for {graph.NodeCount} nodes");
        }

        if (labels.Length != graph.NodeCount)
        {
            throw new ArgumentException($"{name}: {labels.Length} labels for {graph.NodeCount} nodes");
        }

        foreach (var (split, index) in new[] { ("train", trainIndex), ("validation", validationIndex), ("test", testIndex) })
        {
            foreach (int i in index)
            {
                if ((uint)i >= (uint)graph.NodeCount)
                {
                    throw new ArgumentException($"{name}: {split} index {i} is outside [0, {graph.NodeCount})");
                }

                if ((uint)labels[i] >= (uint)classCount)
                {
                    throw new ArgumentException($"{name}: {split} node {i} has label {labels[i]}, outside [0, {classCount})");
                }
            }
        }

        Name = name;
        Graph = graph;
        Features = features;
        Labels = labels;
        ClassCount = classCount;
        TrainIndex = trainIndex;
        ValidationIndex = validationIndex;
        TestIndex = testIndex;
    }

    public string Name { get; }

    public Graph Graph { get; }

    /// <summary>Node features, N × F, kept sparse: bag-of-words inputs are about 1% dense.</summary>
    public SparseMatrix Features { get; }

    public int[] Labels { get; }

    public int ClassCount { get; }

    public int[] TrainIndex { get; }

    public int[] ValidationIndex { get; }

    public int[] TestIndex { get; }

    public int NodeCount => Graph.NodeCount;

    public int FeatureCount => Features.Columns;

    public NodeClassificationDataset WithFeatures(SparseMatrix features) =>
        new(Name, Graph, features, Labels, ClassCount, TrainIndex, ValidationIndex, TestIndex);
}
