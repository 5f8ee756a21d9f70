using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// A graph-level feature quantizer with the Nearest Neighbor Strategy (paper §3.3, Algorithm 1): m learnable
/// (s_k, b_k) groups, each row of the input (a node, or a graph for a readout layer) quantized with the group
/// <see cref="Selection"/> picks, via <see cref="Functional.QuantizeNearestNeighbor"/>. s and b learn from the task
/// gradient (Eq. 3/4), never the Local Gradient (paper/REPRODUCTION.md §0.2). The authors use m = 1000, initial bits 4
/// for signed inputs and 5 ("b + 1", an unsigned 4-bit range) for post-ReLU inputs, steps |N(0.01, 0.1)| or U(0, 1).
/// After each forward, <see cref="LastAssignment"/> holds the groups it used, for the batch's memory term
/// (<see cref="MemoryTermOfLastForward"/>) and for bit statistics.
/// </summary>
public sealed class NearestNeighborQuantizer : Module, ITensorQuantizer
{
    private int[]? rowDegrees;

    public NearestNeighborQuantizer(
        string name,
        int groups,
        NearestNeighborSelection selection,
        float initialBits,
        StepSizeInit stepInit,
        bool clipInputGradient = false)
    {
        if (groups < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{name}: needs at least one group of (s, b)");
        }

        if (selection == NearestNeighborSelection.InDegreeBuckets)
        {
            NearestNeighborGroupSelector.DegreeBucketBounds(groups);
        }

        Name = name;
        Selection = selection;
        InitialBits = initialBits;
        StepInit = stepInit;
        ClipInputGradient = clipInputGradient;
        StepSize = AddParameter(new Parameter($"{name}.step", ParameterRole.FeatureStepSize, new Tensor(groups, 1)));
        BitWidth = AddParameter(new Parameter($"{name}.bit", ParameterRole.FeatureBitWidth, new Tensor(groups, 1)));
    }

    public string Name { get; }

    public NearestNeighborSelection Selection { get; }

    public float InitialBits { get; }

    public StepSizeInit StepInit { get; }

    public bool ClipInputGradient { get; }

    /// <summary>m × 1 step sizes; the quantizer uses |s|.</summary>
    public Parameter StepSize { get; }

    /// <summary>m × 1 raw, continuous bitwidths; the quantizer uses round(|b|).</summary>
    public Parameter BitWidth { get; }

    public int Groups => StepSize.Rows;

    /// <summary>The groups the last forward used; null before the first forward.</summary>
    public NearestNeighborAssignment? LastAssignment { get; private set; }

    /// <summary>
    /// Per-batch state for the in-degree rules: the degree of each row of the next inputs. It stays until replaced,
    /// so set it before every forward on a new batch; the other rules ignore it.
    /// </summary>
    public void UseRowDegrees(int[]? degrees) => rowDegrees = degrees;

    public Variable Forward(Variable x)
    {
        var y = Functional.QuantizeNearestNeighbor(x, StepSize, BitWidth, Selection, out var groupIndices, rowDegrees, ClipInputGradient);
        LastAssignment = NearestNeighborAssignment.Of(groupIndices, BitWidth.Value.Span, x.Columns);
        return y;
    }

    public Variable Forward(Tape tape, Variable parameter) =>
        throw new NotSupportedException($"{Name}: the Nearest Neighbor Strategy picks groups per node or graph row of an activation; it does not quantize parameters");

    public Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values) =>
        throw new NotSupportedException($"{Name}: the Nearest Neighbor Strategy quantizes dense rows of features, not the stored values of a sparse input");

    /// <summary>
    /// This quantizer's share of the batch's memory (paper/REPRODUCTION.md §0.3, graph-level): F_in·Σ_{k used} |b_k| / 8 / 1024 KB
    /// over the groups the last forward used, F_in the width it quantized. Sum the terms of all quantizers into
    /// <see cref="Functional.MemoryPenalty(Tape, IReadOnlyList{MemoryTerm}, float, float, MemoryPenaltyForm, float)"/>.
    /// </summary>
    public MemoryTerm MemoryTermOfLastForward()
    {
        var assignment = LastAssignment ?? throw new InvalidOperationException($"{Name}: no forward yet, so no groups were used");
        return new MemoryTerm(BitWidth, assignment.FeatureDimension, assignment.UsedGroups);
    }

    protected override void ResetOwnParameters(SeededRandom random)
    {
        var s = StepSize.Value.Span;
        for (int k = 0; k < s.Length; k++)
        {
            s[k] = StepInit.Uniform ? random.NextFloat() : MathF.Abs(StepInit.Mean + (StepInit.Std * (float)random.NextNormal()));
        }

        BitWidth.Value.Span.Fill(InitialBits);
        LastAssignment = null;
    }
}
