using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Quantization;

namespace A2Q.Quant.Training;

/// <summary>
/// The Nearest-Neighbor feature quantizers of one graph-level model, for the two things the trainer needs from
/// them: the memory penalty of a training batch (paper Eq. 5 in the authors' graph-level form: each quantizer counts
/// F_in·Σ|b_k| over the groups its rows used in this batch; REPRODUCTION.md §0.3) and the bits of an evaluation pass
/// (per quantizer, the mean over the pass's rows of round(|b|) − 1 of the group each row used).
/// </summary>
internal sealed class GraphBitTally
{
    private readonly List<NearestNeighborQuantizer> quantizers;
    private readonly QuantizationRecipe? quantization;
    private NearestNeighborBitAccumulator pass = new();

    public GraphBitTally(GraphLevelModel model, GraphRecipe recipe)
    {
        quantizers = model.Modules().OfType<NearestNeighborQuantizer>().ToList();
        quantization = recipe.Quantization;
    }

    /// <summary>λ·ReLU(M − M_target)² over the groups the last forward used; null when no penalty applies.</summary>
    public Variable? MemoryPenalty(Tape tape)
    {
        if (quantization is not { MemoryPenalty: > 0f } q || quantizers.Count == 0)
        {
            return null;
        }

        var terms = quantizers.Select(x => x.MemoryTermOfLastForward()).ToList();
        return Functional.MemoryPenalty(tape, terms, q.MemoryTargetKilobytes, q.MemoryPenalty, q.MemoryPenaltyForm);
    }

    /// <summary>Starts a new evaluation pass.</summary>
    public void Reset() => pass = new NearestNeighborBitAccumulator();

    /// <summary>Records the groups of the forward just made (one evaluation batch).</summary>
    public void Add()
    {
        foreach (var q in quantizers)
        {
            pass.Add(q.Name, q.LastAssignment ?? throw new InvalidOperationException($"{q.Name}: no forward to count"));
        }
    }

    /// <summary>The pass's bits per quantizer, in model order; empty for models without learned bits.</summary>
    public IReadOnlyList<(string Quantizer, double Bits)> LayerBits() =>
        quantizers.Count == 0 ? [] : pass.Layers().Select(l => (l.Layer, l.AverageBits)).ToList();
}
