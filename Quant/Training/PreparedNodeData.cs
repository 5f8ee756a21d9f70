using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training;

/// <summary>
/// A dataset made ready for a recipe once, then shared by all of its seeds: transformed features and the
/// graph operators (normalised adjacency, transposes) that every epoch reuses.
/// </summary>
public sealed class PreparedNodeData
{
    public PreparedNodeData(NodeClassificationDataset dataset, bool normalizeFeatures)
    {
        Dataset = dataset;
        NormalizeFeatures = normalizeFeatures;
        Features = normalizeFeatures ? Data.Transforms.NormalizeFeatures.Normalize(dataset.Features) : dataset.Features;
        Graph = new GraphInput(dataset.Graph);
    }

    public NodeClassificationDataset Dataset { get; }

    public bool NormalizeFeatures { get; }

    public SparseMatrix Features { get; }

    public GraphInput Graph { get; }
}
