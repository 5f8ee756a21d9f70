using A2Q.Quant.Data;

namespace A2Q.Quant.Tests.Data.Batching;

/// <summary>Small made-up graph datasets for batching and training tests.</summary>
internal static class SyntheticGraphs
{
    /// <summary>Undirected graph from an edge list (both directions stored).</summary>
    public static Graph Undirected(int nodes, params (int A, int B)[] edges)
    {
        var sources = new List<int>();
        var targets = new List<int>();
        foreach (var (a, b) in edges)
        {
            sources.Add(a);
            targets.Add(b);
            sources.Add(b);
            targets.Add(a);
        }

        return Graph.Coalesce(nodes, sources, targets, removeSelfLoops: true);
    }

    public static Graph Path(int nodes) => Undirected(nodes, Enumerable.Range(0, nodes - 1).Select(i => (i, i + 1)).ToArray());

    public static Graph Star(int nodes) => Undirected(nodes, Enumerable.Range(1, nodes - 1).Select(i => (0, i)).ToArray());

    /// <summary>
    /// Paths (class 0) and stars (class 1) of 5–14 nodes, alternating: a hub of high degree tells them apart,
    /// which the degree input and a sum readout can learn.
    /// </summary>
    public static GraphDataset PathsAndStars(int count)
    {
        var samples = new List<GraphSample>();
        for (int g = 0; g < count; g++)
        {
            int nodes = 5 + (g * 7 % 10);
            bool star = g % 2 == 1;
            samples.Add(new GraphSample(star ? Star(nodes) : Path(nodes), GraphLabel.OfClass(star ? 1 : 0)));
        }

        return new GraphDataset("paths-and-stars", GraphTask.Classification, 2, samples);
    }

    /// <summary>Typed paths whose target is the count of type-1 nodes divided by 4, with a standard 60/20/20 split.</summary>
    public static GraphDataset TypedPathsRegression(int count)
    {
        var samples = new List<GraphSample>();
        for (int g = 0; g < count; g++)
        {
            int nodes = 4 + (g % 7);
            var types = Enumerable.Range(0, nodes).Select(i => (i * 3 + g) % 3 == 0 ? 1 : (i + g) % 2 == 0 ? 2 : 0).ToArray();
            samples.Add(new GraphSample(Path(nodes), GraphLabel.OfTarget(types.Count(t => t == 1) / 4f), nodeTypes: types));
        }

        int train = count * 6 / 10, validation = count / 5;
        var split = new GraphSplit(
            Enumerable.Range(0, train).ToArray(),
            Enumerable.Range(train, validation).ToArray(),
            Enumerable.Range(train + validation, count - train - validation).ToArray());
        return new GraphDataset("typed-paths", GraphTask.Regression, 0, samples, split);
    }
}
