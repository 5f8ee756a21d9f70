namespace A2Q.Simulator.Export;

/// <summary>
/// A trained node-level model as the simulator needs it: the graph (in-degrees without self loops), the input
/// width, the layers' shapes and learned bitwidths. Written by <c>client train --export</c> and by the silos,
/// read by <c>client simulate</c>; <see cref="ModelExportFormat"/> is its file format.
/// </summary>
public sealed record ModelDescription
{
    public required string Dataset { get; init; }

    /// <summary>GCN, GIN, GAT or SAGE.</summary>
    public required string Model { get; init; }

    public required string Method { get; init; }

    public string Variant { get; init; } = "authors";

    public int Seed { get; init; }

    /// <summary>The epoch whose bits these are (the best-test epoch, as the paper counts bits).</summary>
    public int Epoch { get; init; }

    public double TestAccuracy { get; init; }

    public double AverageBits { get; init; }

    public int WeightBits { get; init; } = 4;

    public required int[] InDegrees { get; init; }

    /// <summary>The graph's edges (source → target, self loops removed), where the export carries them.</summary>
    public int[]? Sources { get; init; }

    public int[]? Targets { get; init; }

    public long Edges { get; init; }

    public required int InputFeatures { get; init; }

    /// <summary>Whether every raw input value is 0 or 1 (bag-of-words), so one bit holds it exactly.</summary>
    public bool BinaryInput { get; init; }

    public required IReadOnlyList<LayerDescription> Layers { get; init; }

    public int Nodes => InDegrees.Length;

    /// <summary>Throws with the layer at fault when shapes or per-node arrays do not fit together.</summary>
    public ModelDescription Validate(string source)
    {
        if (Layers.Count == 0)
        {
            throw new FormatException($"{source}: the model has no layers");
        }

        if ((Sources is null) != (Targets is null) || (Sources is not null && Sources.Length != Targets!.Length))
        {
            throw new FormatException($"{source}: the edge lists \"sources\" and \"targets\" must both be given, with one entry per edge");
        }

        if (Sources is not null && (Sources.Any(s => (uint)s >= (uint)Nodes) || Targets!.Any(t => (uint)t >= (uint)Nodes)))
        {
            throw new FormatException($"{source}: an edge names a node outside 0..{Nodes - 1}");
        }

        if (Targets is not null)
        {
            var counted = new int[Nodes];
            foreach (int target in Targets)
            {
                counted[target]++;
            }

            int node = Enumerable.Range(0, Nodes).FirstOrDefault(i => counted[i] != InDegrees[i], -1);
            if (node >= 0)
            {
                throw new FormatException($"{source}: node {node} has in-degree {InDegrees[node]} but {counted[node]} incoming edges");
            }
        }

        int input = InputFeatures;
        foreach (var layer in Layers)
        {
            if (layer.InFeatures != input || layer.OutFeatures <= 0 || layer.Heads <= 0)
            {
                throw new FormatException(
                    $"{source}: layer {layer.Name} takes {layer.InFeatures} features ({input} expected) and gives {layer.OutFeatures} with {layer.Heads} heads");
            }

            if (layer.BitParameters is { } bits && bits.Length != Nodes)
            {
                throw new FormatException($"{source}: layer {layer.Name} has {bits.Length} bitwidths for {Nodes} nodes");
            }

            if (layer.BitParameters is { } b && b.Any(x => x < 0 || x > 33))
            {
                throw new FormatException($"{source}: layer {layer.Name} has a bitwidth parameter outside 0..33");
            }

            input = layer.OutFeatures;
        }

        return this;
    }
}
