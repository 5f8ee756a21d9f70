using A2Q.Simulator.Export;

namespace A2Q.Simulator.Workloads;

/// <summary>
/// Turns a trained model into the accelerator's phases, following where the authors' node-level code puts its
/// quantizers (paper/REPRODUCTION.md §1): GCN and GAT compute X·W, quantize it to a fixed 4 bits, then aggregate;
/// GIN aggregates first (its raw input, or the layer input quantized per column to 4 bits) and feeds the
/// per-node quantized sum to its linear map.
/// </summary>
public static class ModelWorkloads
{
    /// <summary>The model with the widths it learned (fixed-width and raw tensors as <paramref name="options"/> say).</summary>
    public static Workload Learned(ModelDescription model, SimulationOptions options)
    {
        int fixedBits = options.FixedBits ?? model.WeightBits;
        int rawBits = options.RawInputBits ?? options.UniformBits;
        int[]? rawPerNode = options.RawInputPerNode ? model.Layers.Select(l => l.NodeWidths).FirstOrDefault(w => w is not null) : null;
        return Build(model, options, $"{model.Dataset}-{model.Model}-{model.Method}", fixedBits, rawBits, layer => layer.NodeWidths, rawPerNode);
    }

    /// <summary>The same model with every feature at <see cref="SimulationOptions.UniformBits"/> (DQ-INT4).</summary>
    public static Workload Uniform(ModelDescription model, SimulationOptions options)
    {
        int bits = options.UniformBits;
        return Build(model, options, $"{model.Dataset}-{model.Model}-INT{bits}", bits, bits, _ => null, null);
    }

    private static Workload Build(
        ModelDescription model, SimulationOptions options, string name, int fixedBits, int rawBits, Func<LayerDescription, int[]?> learned, int[]? rawPerNode)
    {
        int nodes = model.Nodes;
        int[] withSelfLoops = model.InDegrees.Select(d => d + 1).ToArray();
        int[] Fill(int bits)
        {
            var widths = new int[nodes];
            Array.Fill(widths, bits);
            return widths;
        }

        static int CeilingMean(int[] widths) => widths.Length == 0 ? 0 : (int)Math.Ceiling(widths.Average());

        var phases = new List<Phase>();
        var layers = model.Layers;

        // GCN and GAT read layer i's input at its learned widths (the raw input as the options say, hidden inputs
        // at the fixed width), and their aggregation writes what layer i + 1 reads.
        (int[] Input, int Next) CombineFirstWidths(int i)
        {
            int[] input = learned(layers[i]) ?? (i == 0 ? rawPerNode ?? Fill(rawBits) : Fill(fixedBits));
            int[]? nextLearned = i == layers.Count - 1 ? null : learned(layers[i + 1]);
            int next = i == layers.Count - 1 ? options.LogitBits : nextLearned is null ? fixedBits : CeilingMean(nextLearned);
            return (input, next);
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            bool last = i == layers.Count - 1;
            string prefix = layer.Name;
            int[]? learnedWidths = learned(layer);
            switch (model.Model.ToUpperInvariant())
            {
                case "GCN":
                {
                    var (input, next) = CombineFirstWidths(i);
                    phases.Add(new CombinationPhase($"{prefix}.combine", input, layer.InFeatures, layer.OutFeatures, fixedBits));
                    phases.Add(AggregationPhase.Uniform($"{prefix}.aggregate", withSelfLoops, fixedBits, layer.OutFeatures, next));
                    break;
                }

                case "GIN":
                {
                    int[] sums = learnedWidths ?? Fill(fixedBits);
                    int next = last ? options.LogitBits : fixedBits;
                    phases.Add(i == 0 && rawPerNode is not null
                        ? AggregationOverEdges(model, $"{prefix}.aggregate", rawPerNode, layer.InFeatures, CeilingMean(sums))
                        : AggregationPhase.Uniform($"{prefix}.aggregate", withSelfLoops, i == 0 ? rawBits : fixedBits, layer.InFeatures, CeilingMean(sums)));
                    phases.Add(new CombinationPhase($"{prefix}.combine", sums, layer.InFeatures, layer.OutFeatures, next));
                    break;
                }

                case "GAT":
                {
                    var (input, next) = CombineFirstWidths(i);
                    long edges = withSelfLoops.Sum(d => (long)d);
                    phases.Add(new CombinationPhase($"{prefix}.combine", input, layer.InFeatures, layer.OutFeatures, fixedBits));

                    // Attention logits: a_src·h and a_dst·h per head (2 outputs over the concatenated heads is the
                    // same MAC count); LeakyReLU, exp and the normalising divide per edge and head run in float.
                    phases.Add(new CombinationPhase($"{prefix}.attention", Fill(fixedBits), layer.OutFeatures, 2, fixedBits)
                    {
                        ExtraFloatOperations = 3 * edges * layer.Heads,
                    });
                    phases.Add(AggregationPhase.Uniform($"{prefix}.aggregate", withSelfLoops, fixedBits, layer.OutFeatures, next));
                    break;
                }

                default:
                    throw new ArgumentException($"the simulator models GCN, GIN and GAT layers, not {model.Model}");
            }
        }

        int[] order = options.SortByInDegree ? ProcessingOrder.ByDescendingInDegree(model.InDegrees) : ProcessingOrder.Natural(nodes);
        return new Workload(name, phases, order);
    }

    /// <summary>An aggregation over the exported edges, each row stepping at its widest source's width.</summary>
    private static AggregationPhase AggregationOverEdges(ModelDescription model, string name, int[] nodeWidths, int columns, int outputBits)
    {
        if (model.Sources is null || model.Targets is null)
        {
            throw new ArgumentException($"{name}: per-node input widths need the graph's edges, and this export has only in-degrees");
        }

        var adjacency = SelfLoopAdjacency.FromEdges(model.Nodes, model.Sources, model.Targets);
        return AggregationPhase.FromGraph(name, adjacency.RowPointers, adjacency.Sources, nodeWidths, columns, outputBits);
    }
}
