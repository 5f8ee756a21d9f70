namespace A2Q.Quant.Data.Transforms;

/// <summary>
/// A dataset-to-dataset transform, PyG's <c>BaseTransform</c>: returns a new dataset and leaves its input untouched.
/// </summary>
public abstract class BaseTransform
{
    public abstract NodeClassificationDataset Forward(NodeClassificationDataset dataset);
}
