namespace A2Q.Quant.Data;

/// <summary>
/// Which graphs of a <see cref="GraphDataset"/> train, validate and test: a dataset's standard split (ZINC,
/// MNIST) or one cross-validation fold (REDDIT-BINARY). Indices are graph positions in the dataset.
/// </summary>
public sealed record GraphSplit(int[] TrainIndex, int[] ValidationIndex, int[] TestIndex)
{
    /// <summary>Throws when an index lies outside the dataset or a graph sits in two parts.</summary>
    public void Validate(int graphCount)
    {
        var part = new string?[graphCount];
        foreach (var (name, index) in new[] { ("train", TrainIndex), ("validation", ValidationIndex), ("test", TestIndex) })
        {
            foreach (int graph in index)
            {
                if ((uint)graph >= (uint)graphCount)
                {
                    throw new ArgumentException($"{name} index {graph} is outside [0, {graphCount})");
                }

                if (part[graph] is string other)
                {
                    throw new ArgumentException($"graph {graph} is in both the {other} and the {name} part");
                }

                part[graph] = name;
            }
        }
    }
}
