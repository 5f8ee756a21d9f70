using A2Q.Quant.Autograd;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// A graph-level model over a block-diagonal mini-batch: node input (dense features, or an embedding of node
/// types) → message-passing blocks → readout per graph (mean, sum or max pool) → two maps with ReLU (and
/// optional dropout) between them. Returns one row per graph: logits, or the regression prediction.
/// </summary>
public sealed class GraphLevelModel : Module
{
    private readonly List<GraphLevelBlock> blocks = new();
    private readonly List<ILinearMap> head = new();
    private readonly SeededRandom random;
    private readonly List<NearestNeighborQuantizer> degreeGrouped;

    public GraphLevelModel(
        Embedding? embedding, IReadOnlyList<GraphLevelBlock> blocks, IReadOnlyList<ILinearMap> head, PoolingMode readout, float readoutDropout,
        SeededRandom random, ProtectiveMask? protectiveMask = null)
    {
        if (blocks.Count == 0 || head.Count == 0)
        {
            throw new ArgumentException("a graph-level model needs at least one message-passing block and one readout map");
        }

        Embedding = embedding is null ? null : AddModule(embedding);
        foreach (var block in blocks)
        {
            this.blocks.Add(AddModule(block));
        }

        foreach (var map in head)
        {
            this.head.Add(map);
            AddModule((Module)map);
        }

        Readout = readout;
        ReadoutDropout = readoutDropout;
        this.random = random;
        ProtectiveMask = protectiveMask;
        degreeGrouped = this.blocks.SelectMany(b => b.Modules()).OfType<NearestNeighborQuantizer>()
            .Where(q => q.Selection is NearestNeighborSelection.InDegreeBuckets or NearestNeighborSelection.InDegreeDirect)
            .ToList();
    }

    public Embedding? Embedding { get; }

    public IReadOnlyList<GraphLevelBlock> Blocks => blocks;

    public IReadOnlyList<ILinearMap> Head => head;

    public PoolingMode Readout { get; }

    public float ReadoutDropout { get; }

    /// <summary>Degree-Quant's mask, re-pointed at every batch (its probabilities are per graph).</summary>
    public ProtectiveMask? ProtectiveMask { get; }

    public Variable Forward(Tape tape, GraphBatch batch)
    {
        if (ProtectiveMask is { } mask)
        {
            mask.UseGraphs(batch.InDegrees(), batch.GraphPointers);
            if (Training)
            {
                mask.Draw(random.NextStreamKey());
            }
        }

        // The in-degree grouping baselines pick a node's (s, b) by its degree in this batch's graphs.
        foreach (var quantizer in degreeGrouped)
        {
            quantizer.UseRowDegrees(batch.InDegrees());
        }

        Variable h = Embedding is not null
            ? Embedding.Forward(tape, batch.NodeTypes ?? throw new ArgumentException("this model embeds node types, and the batch has none"))
            : tape.Constant(batch.Features ?? throw new ArgumentException("this model reads dense node features, and the batch has none"));
        var graph = batch.Input;
        foreach (var block in blocks)
        {
            h = block.Forward(h, graph);
        }

        h = Functional.GlobalPool(h, batch.GraphPointers, Readout);
        for (int i = 0; i < head.Count; i++)
        {
            if (i > 0)
            {
                h = Functional.Relu(h);
                if (Training && ReadoutDropout > 0f)
                {
                    h = Functional.Dropout(h, ReadoutDropout, training: true, random.NextStreamKey());
                }
            }

            h = head[i].Forward(h);
        }

        return h;
    }
}
