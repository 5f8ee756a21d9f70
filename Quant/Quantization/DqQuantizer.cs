using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// One Degree-Quant quantizer (camlsys/degree-quant IntegerQuantizer): per tensor, INT-b affine, its range
/// from a <see cref="RangeObserver"/> updated in training on the elements it quantizes, gradient clipping,
/// and — for node or edge tensors — the protective mask: protected rows bypass it in training.
/// </summary>
public sealed class DqQuantizer : Module, ITensorQuantizer, IQuantizesEdgeRows, ISparseInputQuantizer
{
    private readonly ProtectiveMask? mask;
    private int[]? edgeSources;
    private readonly RangeObserver observer;

    /// <param name="mask">protects rows that are nodes; null for weights</param>
    /// <param name="edgeSources">
    /// when rows are edges: the source node of each row, whose protection it shares (DQ masks a message, and GAT's
    /// logit, by edge_index[0], the node it comes from); empty until <see cref="UseEdges"/> supplies a pattern
    /// </param>
    /// <param name="nodeBits">
    /// per-node bitwidths instead of <paramref name="bits"/> for a tensor whose rows are nodes (or edges, by source):
    /// Figure 5's "mixed-precision" DQ. The range stays per tensor; each bitwidth gets its own scale over it.
    /// </param>
    public DqQuantizer(string name, int bits, bool signed, float percentile, bool gradientClipping, ProtectiveMask? mask, int[]? edgeSources = null, float? momentum = null, int[]? nodeBits = null)
    {
        Name = name;
        Bits = bits;
        NodeBits = nodeBits;
        Signed = signed;
        GradientClipping = gradientClipping;
        this.mask = mask;
        this.edgeSources = edgeSources;
        observer = new RangeObserver(percentile, momentum);
    }

    public string Name { get; }

    public int Bits { get; }

    /// <summary>Per-node bitwidths (null: every element at <see cref="Bits"/>).</summary>
    public int[]? NodeBits { get; }

    public bool Signed { get; }

    public bool GradientClipping { get; }

    public RangeObserver Observer => observer;

    /// <summary>
    /// Takes the source of each edge of <paramref name="pattern"/> as the node whose protection that row shares (a
    /// quantizer made for edge rows).
    /// </summary>
    public void UseEdges(CsrPattern pattern)
    {
        if (edgeSources is null)
        {
            throw new InvalidOperationException($"{Name}: quantizes node rows, not edges");
        }

        edgeSources = pattern.ColumnIndices;
    }

    public Variable Forward(Variable x) =>
        Apply(x.Tape ?? throw new InvalidOperationException($"{Name}: input is on no tape"), x, RowProtection(x.Rows), x.Columns, elementBits: RowBits(x.Rows, x.Columns));

    public Variable Forward(Tape tape, Variable parameter)
    {
        if (NodeBits is not null)
        {
            throw new InvalidOperationException($"{Name}: per-node bitwidths apply to node tensors, not to a parameter");
        }

        return Apply(tape, parameter, rowProtected: null, parameter.Columns);
    }

    public Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values)
    {
        var protectedRows = RowProtection(pattern.Rows);
        bool[]? perElement = null;
        if (protectedRows is not null)
        {
            perElement = new bool[pattern.NonZeros];
            for (int i = 0; i < pattern.Rows; i++)
            {
                if (protectedRows[i])
                {
                    perElement.AsSpan(pattern.RowPointers[i], pattern.RowLength(i)).Fill(true);
                }
            }
        }

        int[]? elementBits = null;
        if (NodeBits is not null)
        {
            CheckNodeCount(pattern.Rows);
            elementBits = new int[pattern.NonZeros];
            for (int i = 0; i < pattern.Rows; i++)
            {
                elementBits.AsSpan(pattern.RowPointers[i], pattern.RowLength(i)).Fill(NodeBits[i]);
            }
        }

        return Apply(tape, values, perElement, rowLength: 1, perElementMask: true, elementBits);
    }

    /// <summary>
    /// Quantizes a constant sparse node tensor (the first layer's features after input dropout) as DQ's layers quantize
    /// every input, x_q = inputs_low(x), protected nodes keeping theirs in training. The range is that of the dense
    /// tensor: the entries the matrix does not store count as the zeros they are. Zero is always a level (the range
    /// contains 0), so the pattern stays; the input is a constant, so there is no gradient.
    /// </summary>
    public SparseMatrix QuantizeSparse(Tape tape, SparseMatrix x)
    {
        if (edgeSources is not null)
        {
            throw new InvalidOperationException($"{Name}: quantizes edge rows, not a node tensor");
        }

        if (NodeBits is not null)
        {
            CheckNodeCount(x.Rows);
        }

        var pattern = x.Pattern;
        var protectedRows = RowProtection(x.Rows);
        float min = observer.Min, max = observer.Max;
        if (Training || !observer.HasRange)
        {
            var observed = tape.Compute.Pool.RentSized(x.NonZeros, clear: false);
            try
            {
                int count = 0, rows = 0;
                for (int i = 0; i < x.Rows; i++)
                {
                    if (protectedRows is null || !protectedRows[i])
                    {
                        x.Values.AsSpan(pattern.RowPointers[i], pattern.RowLength(i)).CopyTo(observed.AsSpan(count));
                        count += pattern.RowLength(i);
                        rows++;
                    }
                }

                (min, max) = Range(observed, count, absentZeros: ((long)rows * x.Columns) - count, tape.Compute);
            }
            finally
            {
                tape.Compute.Pool.Return(observed);
            }
        }

        return QuantizeRows(tape, x, min, max, protectedRows);
    }

    /// <summary>
    /// The range to quantize with, from the elements this quantizer quantizes: in training they update the observer;
    /// an evaluation before any training takes their own percentiles, leaving the observer as it is.
    /// </summary>
    private (float Min, float Max) Range(float[] observed, int count, long absentZeros, ComputeContext compute)
    {
        var target = Training ? observer : new RangeObserver(observer.Percentile);
        target.UpdateWithAbsentZeros(observed, count, absentZeros, compute);
        return (target.Min, target.Max);
    }

    /// <summary>(q_min, q_max, zero point, scale) as DQ's get_qparams: the range always contains 0.</summary>
    internal static (float QMin, float QMax, float ZeroPoint, float Scale) Parameters(float min, float max, int bits, bool signed)
    {
        min = Math.Min(0f, min);
        max = Math.Max(0f, max);
        float qmin = signed ? -MathF.Pow(2, bits - 1) : 0f;
        float qmax = qmin + MathF.Pow(2, bits) - 1;
        if (max == min)
        {
            return (qmin, qmax, 0f, 1f);
        }

        // torch.finfo(float32).eps, DQ's lower bound on the scale.
        float scale = Math.Max((max - min) / (qmax - qmin), 1.1920929e-7f);
        float zeroPoint = Math.Clamp(qmin - MathF.Round(min / scale, MidpointRounding.ToEven), qmin, qmax);
        return (qmin, qmax, zeroPoint, scale);
    }

    private SparseMatrix QuantizeRows(Tape tape, SparseMatrix x, float min, float max, bool[]? protectedRows)
    {
        var pattern = x.Pattern;
        var values = tape.AllocateScratch(x.NonZeros, clear: false);
        var tensorWide = Parameters(min, max, Bits, Signed);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Values.AsSpan(pattern.RowPointers[i], pattern.RowLength(i));
            var target = values.AsSpan(pattern.RowPointers[i], pattern.RowLength(i));
            if (protectedRows is not null && protectedRows[i])
            {
                source.CopyTo(target);
                continue;
            }

            var (qmin, qmax, zero, scale) = NodeBits is null ? tensorWide : Parameters(min, max, NodeBits[i], Signed);
            Tensors.Kernels.AffineFakeQuantizeKernel.Forward(source, target, 1f / scale, scale, zero, qmin, qmax);
        }

        return x.WithValues(values);
    }

    private bool[]? RowProtection(int rows)
    {
        if (mask is null || !Training)
        {
            return null;
        }

        var nodes = mask.Current;
        if (edgeSources is not null)
        {
            if (edgeSources.Length != rows)
            {
                throw new InvalidOperationException($"{Name}: {rows} edge rows for {edgeSources.Length} edges");
            }

            return edgeSources.Select(t => nodes[t]).ToArray();
        }

        if (nodes.Length != rows)
        {
            throw new InvalidOperationException($"{Name}: {rows} rows for a mask over {nodes.Length} nodes");
        }

        return nodes;
    }

    /// <summary>The bitwidth of each element of a rows × columns node (or edge) tensor; null without per-node bits.</summary>
    private int[]? RowBits(int rows, int columns)
    {
        if (NodeBits is null)
        {
            return null;
        }

        if (edgeSources is not null && edgeSources.Length != rows)
        {
            throw new InvalidOperationException($"{Name}: {rows} edge rows for {edgeSources.Length} edges");
        }

        if (edgeSources is null)
        {
            CheckNodeCount(rows);
        }

        var bits = new int[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            bits.AsSpan(r * columns, columns).Fill(NodeBits[edgeSources is null ? r : edgeSources[r]]);
        }

        return bits;
    }

    private void CheckNodeCount(int rows)
    {
        if (NodeBits!.Length != rows)
        {
            throw new InvalidOperationException($"{Name}: {rows} rows for per-node bitwidths over {NodeBits.Length} nodes");
        }
    }

    private Variable Apply(Tape tape, Variable x, bool[]? rowProtected, int rowLength, bool perElementMask = false, int[]? elementBits = null)
    {
        int n = x.Value.Length;

        // A node mask stays one entry per row (a 3.5-million-element activation would otherwise need a 3.5 MB
        // array per quantizer per batch); per-node bitwidths (Figure 5) still expand it.
        bool[]? passThrough = rowProtected;
        int per = perElementMask || rowProtected is null ? 1 : rowLength;
        if (rowProtected is not null && elementBits is not null && per > 1)
        {
            passThrough = new bool[n];
            for (int i = 0; i < rowProtected.Length; i++)
            {
                if (rowProtected[i])
                {
                    passThrough.AsSpan(i * rowLength, rowLength).Fill(true);
                }
            }

            per = 1;
        }

        var values = x.Value.Span;
        float min = observer.Min, max = observer.Max;
        if (Training || !observer.HasRange)
        {
            // The observer sees only what this quantizer quantizes (DQ's "low" quantizer gets msg[~mask]): with a
            // mask those elements are gathered into a copy, which goes back to the pool as soon as the range is known;
            // without one the observer reads the tensor itself (it does not reorder it).
            var observed = passThrough is null ? x.Value.Buffer : tape.Compute.Pool.RentSized(n, clear: false);
            try
            {
                int count = 0;
                if (passThrough is null)
                {
                    count = n;
                }
                else
                {
                    // Whole runs of unprotected rows at a time: one copy per run, not one per 64-float row.
                    for (int e = 0; e < n;)
                    {
                        var (stop, protect) = Functional.MaskRun(passThrough, per, e, n);
                        if (!protect)
                        {
                            values[e..stop].CopyTo(observed.AsSpan(count));
                            count += stop - e;
                        }

                        e = stop;
                    }
                }

                (min, max) = Range(observed, count, absentZeros: 0, tape.Compute);
            }
            finally
            {
                if (passThrough is not null)
                {
                    tape.Compute.Pool.Return(observed);
                }
            }
        }

        return Quantize(tape, x, min, max, passThrough, per, elementBits);
    }

    /// <summary>
    /// One fake quantization over [min, max] at <see cref="Bits"/>, or with per-element bitwidths one pass per
    /// bitwidth, each passing the other elements through unchanged (value and gradient), so every element is
    /// quantized exactly once at its own width.
    /// </summary>
    /// <param name="per">elements per entry of <paramref name="passThrough"/> (1 whenever per-element bits are given)</param>
    private Variable Quantize(Tape tape, Variable x, float min, float max, bool[]? passThrough, int per, int[]? elementBits)
    {
        if (elementBits is null)
        {
            var (qmin, qmax, zero, scale) = Parameters(min, max, Bits, Signed);
            return Functional.FakeQuantizeAffine(tape, x, scale, zero, qmin, qmax, passThrough, GradientClipping, per);
        }

        var y = x;
        foreach (int bits in elementBits.Distinct().Order())
        {
            var others = new bool[elementBits.Length];
            for (int e = 0; e < others.Length; e++)
            {
                others[e] = elementBits[e] != bits || (passThrough is not null && passThrough[e]);
            }

            var (qmin, qmax, zero, scale) = Parameters(min, max, bits, Signed);
            y = Functional.FakeQuantizeAffine(tape, y, scale, zero, qmin, qmax, others, GradientClipping);
        }

        return y;
    }
}
