using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// One A²Q quantizer: a learnable step size and a bitwidth per group (node, output unit or feature column),
/// applied with <see cref="Functional.Quantize"/>. Which gradient rule its parameters follow and whether the
/// bitwidth is trainable are fixed at construction; the parameters carry typed roles so the optimiser can
/// give each kind its own learning rate.
/// </summary>
public sealed class A2qQuantizer : Module, ITensorQuantizer
{
    public A2qQuantizer(
        string name,
        int groups,
        QuantizerAxis axis,
        QuantizerGradient gradient,
        float initialBits,
        StepSizeInit stepInit,
        ParameterRole stepRole,
        bool trainableBits,
        bool clipInputGradient = false,
        float[]? groupInitialBits = null)
    {
        if (groupInitialBits is not null && groupInitialBits.Length != groups)
        {
            throw new ArgumentException($"{name}: {groupInitialBits.Length} initial bitwidths for {groups} groups", nameof(groupInitialBits));
        }

        GroupInitialBits = groupInitialBits;
        Axis = axis;
        Gradient = gradient;
        InitialBits = initialBits;
        StepInit = stepInit;
        ClipInputGradient = clipInputGradient;
        StepSize = AddParameter(new Parameter($"{name}.step", stepRole, new Tensor(groups, 1)));
        BitWidth = AddParameter(new Parameter($"{name}.bit", trainableBits ? ParameterRole.FeatureBitWidth : ParameterRole.FixedBitWidth, new Tensor(groups, 1)));
    }

    public QuantizerAxis Axis { get; }

    public QuantizerGradient Gradient { get; }

    public float InitialBits { get; }

    /// <summary>One initial bitwidth per group (bits assigned by hand, Figure 5); null: <see cref="InitialBits"/> for all.</summary>
    public float[]? GroupInitialBits { get; }

    public StepSizeInit StepInit { get; }

    public bool ClipInputGradient { get; }

    public Parameter StepSize { get; }

    /// <summary>The raw, continuous bitwidth parameter b; the quantizer uses round(|b|).</summary>
    public Parameter BitWidth { get; }

    public int Groups => StepSize.Rows;

    public Variable Forward(Variable x) => Functional.Quantize(x, StepSize, BitWidth, Axis, Gradient, ClipInputGradient);

    /// <summary>Quantizes a parameter (which lives on no tape) on <paramref name="tape"/>.</summary>
    public Variable Forward(Tape tape, Variable x) => Functional.Quantize(tape, x, StepSize, BitWidth, Axis, Gradient, ClipInputGradient);

    public Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values)
    {
        if (Axis != QuantizerAxis.PerRow || Groups != pattern.Rows)
        {
            throw new InvalidOperationException($"{StepSize.Name}: only a per-node quantizer with {pattern.Rows} groups can quantize these rows");
        }

        return Functional.QuantizeSparseRows(tape, pattern, values, StepSize, BitWidth, Gradient, ClipInputGradient);
    }

    /// <summary>The integer bitwidth round(|b|) of each group, as the forward pass uses it.</summary>
    public int[] IntegerBits()
    {
        var bits = new int[Groups];
        var b = BitWidth.Value.Span;
        for (int k = 0; k < bits.Length; k++)
        {
            bits[k] = (int)MathF.Round(MathF.Abs(b[k]), MidpointRounding.ToEven);
        }

        return bits;
    }

    protected override void ResetOwnParameters(SeededRandom random)
    {
        var s = StepSize.Value.Span;
        for (int k = 0; k < s.Length; k++)
        {
            s[k] = StepInit.Uniform ? random.NextFloat() : MathF.Abs(StepInit.Mean + (StepInit.Std * (float)random.NextNormal()));
        }

        if (GroupInitialBits is null)
        {
            BitWidth.Value.Span.Fill(InitialBits);
        }
        else
        {
            GroupInitialBits.CopyTo(BitWidth.Value.Span);
        }
    }
}
