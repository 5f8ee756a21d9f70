using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data.Batching;

/// <summary>
/// Cuts a list of graphs into mini-batches and merges each into a <see cref="GraphBatch"/>, as PyG's DataLoader:
/// consecutive chunks of <c>batchSize</c> graphs (the last one shorter), in a fresh random order every epoch when
/// shuffling (training) and in the given order otherwise (evaluation).
/// </summary>
public sealed class GraphBatcher
{
    private readonly GraphDataset dataset;
    private readonly GraphNodeInputs inputs;

    public GraphBatcher(GraphDataset dataset, GraphNodeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(inputs);
        int stored = inputs.Features?.Length ?? inputs.Types!.Length;
        if (stored != dataset.Count)
        {
            throw new ArgumentException($"{dataset.Name}: node inputs for {stored} graphs, the dataset has {dataset.Count}");
        }

        this.dataset = dataset;
        this.inputs = inputs;
    }

    public GraphNodeInputs Inputs => inputs;

    /// <summary>The index cut into chunks; shuffled first (Fisher–Yates from <paramref name="shuffle"/>) when one is given.</summary>
    public static IReadOnlyList<int[]> Chunks(IReadOnlyList<int> index, int batchSize, SeededRandom? shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var order = index.ToArray();
        if (shuffle is not null)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = shuffle.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var chunks = new List<int[]>((order.Length + batchSize - 1) / batchSize);
        for (int start = 0; start < order.Length; start += batchSize)
        {
            chunks.Add(order[start..Math.Min(start + batchSize, order.Length)]);
        }

        return chunks;
    }

    public IEnumerable<GraphBatch> Batches(IReadOnlyList<int> index, int batchSize, SeededRandom? shuffle = null) =>
        Chunks(index, batchSize, shuffle).Select(Collate);

    /// <summary>Merges the graphs at these dataset positions into one block-diagonal batch.</summary>
    public GraphBatch Collate(int[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var pointers = new int[samples.Length + 1];
        long nodes = 0, edges = 0;
        for (int k = 0; k < samples.Length; k++)
        {
            if ((uint)samples[k] >= (uint)dataset.Count)
            {
                throw new ArgumentException($"{dataset.Name}: graph {samples[k]} is outside [0, {dataset.Count})");
            }

            var graph = dataset.Samples[samples[k]].Graph;
            nodes += graph.NodeCount;
            edges += graph.EdgeCount;
            if (nodes > int.MaxValue || edges > int.MaxValue)
            {
                throw new ArgumentException($"{dataset.Name}: a batch of {samples.Length} graphs is too large for 32-bit indices");
            }

            pointers[k + 1] = (int)nodes;
        }

        var sources = new int[edges];
        var targets = new int[edges];
        int columns = inputs.FeatureCount;
        var features = inputs.Features is null ? null : new Tensor((int)nodes, columns);
        var types = inputs.Types is null ? null : new int[nodes];
        bool classification = dataset.Task == GraphTask.Classification;
        var classes = classification ? new int[samples.Length] : null;
        var values = classification ? null : new float[samples.Length];
        int e = 0;
        for (int k = 0; k < samples.Length; k++)
        {
            var sample = dataset.Samples[samples[k]];
            int offset = pointers[k];
            var graph = sample.Graph;
            for (int i = 0; i < graph.EdgeCount; i++, e++)
            {
                sources[e] = graph.Sources[i] + offset;
                targets[e] = graph.Targets[i] + offset;
            }

            inputs.Features?[samples[k]].CopyTo(features!.Span[(offset * columns)..]);
            inputs.Types?[samples[k]].CopyTo(types!.AsSpan(offset));
            if (classification)
            {
                classes![k] = sample.Label.ClassIndex;
            }
            else
            {
                values![k] = sample.Label.Target;
            }
        }

        return new GraphBatch(new Graph((int)nodes, sources, targets), pointers, (int[])samples.Clone(), features, types, classes, values);
    }
}
