namespace A2Q.Quant.Data;

/// <summary>
/// A list of graphs with one label each (PyG's <c>TUDataset</c>, <c>ZINC</c>, <c>GNNBenchmarkDataset</c>), plus
/// the dataset's standard train/validation/test split when it has one. Datasets evaluated by cross-validation
/// (REDDIT-BINARY) have no standard split; their folds come from <see cref="Folds.CrossValidationFolds"/>.
/// </summary>
public sealed class GraphDataset
{
    public GraphDataset(string name, GraphTask task, int classCount, IReadOnlyList<GraphSample> samples, GraphSplit? standardSplit = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (task == GraphTask.Regression && classCount != 0)
        {
            throw new ArgumentException($"{name}: a regression dataset has no classes, but {classCount} were given");
        }

        if (task == GraphTask.Classification)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        }

        for (int g = 0; g < samples.Count; g++)
        {
            var label = samples[g].Label;
            if (label.IsClass != (task == GraphTask.Classification))
            {
                throw new ArgumentException($"{name}: graph {g} has {label}, but the dataset's task is {task}");
            }

            if (label.IsClass && label.ClassIndex >= classCount)
            {
                throw new ArgumentException($"{name}: graph {g} has class {label.ClassIndex}, outside [0, {classCount})");
            }
        }

        standardSplit?.Validate(samples.Count);
        Name = name;
        Task = task;
        ClassCount = classCount;
        Samples = samples;
        StandardSplit = standardSplit;
    }

    public string Name { get; }

    public GraphTask Task { get; }

    /// <summary>Number of classes; 0 for regression.</summary>
    public int ClassCount { get; }

    public IReadOnlyList<GraphSample> Samples { get; }

    public int Count => Samples.Count;

    public GraphSplit? StandardSplit { get; }

    public long TotalNodeCount => Samples.Sum(s => (long)s.NodeCount);

    public long TotalEdgeCount => Samples.Sum(s => (long)s.Graph.EdgeCount);

    /// <summary>Every graph's class, in dataset order (what stratified folds are drawn from).</summary>
    public int[] ClassLabels() => Task == GraphTask.Classification
        ? Samples.Select(s => s.Label.ClassIndex).ToArray()
        : throw new InvalidOperationException($"{Name} is a regression dataset; it has no class labels");
}
