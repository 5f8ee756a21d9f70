using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// A²Q's uniform fake quantization (Eq. 1/9) with one learnable step size s and bitwidth b per group
    /// (rows or columns of x): n = round(|b|) (half to even), q_max = 2^(n−1) − 1, v = clamp(x/|s|, −q_max, q_max),
    /// q = sign(x)·⌊|v| + ½⌋ (half away from zero, the authors' floor(|x| + 0.5)), y = |s|·q.
    /// Backward (Eq. 10): ∂y/∂s = q − v inside the range |x| ≤ q_max·|s|, sign(x)·q_max outside;
    /// ∂y/∂b = 0 inside, sign(x)·2^(n−1)·ln2·|s| outside; the input passes straight through (STE), or only
    /// inside the range when <paramref name="clipInputGradient"/> (the paper's indicator, which the authors'
    /// code never applies). <paramref name="gradient"/> picks Eq. 3/4 or the Local Gradient.
    /// </summary>
    /// <param name="stepSizes">groups × 1</param>
    /// <param name="bitWidths">groups × 1; need not require a gradient (fixed 4-bit weights)</param>
    public static Variable Quantize(
        Variable x, Variable stepSizes, Variable bitWidths, QuantizerAxis axis, QuantizerGradient gradient, bool clipInputGradient = false) =>
        Quantize(Tape.Of(x, stepSizes), x, stepSizes, bitWidths, axis, gradient, clipInputGradient);

    /// <summary>As above, on an explicit tape: for quantizing a parameter (a weight), which lives on no tape.</summary>
    public static Variable Quantize(
        Tape tape, Variable x, Variable stepSizes, Variable bitWidths, QuantizerAxis axis, QuantizerGradient gradient, bool clipInputGradient = false)
    {
        int groups = axis == QuantizerAxis.PerRow ? x.Rows : x.Columns;
        if (stepSizes.Value.Length != groups || bitWidths.Value.Length != groups)
        {
            throw new ArgumentException(
                $"Quantize: {x.Rows}x{x.Columns} input quantized {axis} needs {groups} step sizes and bitwidths, got {stepSizes.Value.Length} and {bitWidths.Value.Length}");
        }

        int rows = x.Rows, columns = x.Columns;
        var y = tape.Allocate(rows, columns, clear: false);
        var steps = new float[groups];
        var qmax = new float[groups];
        for (int k = 0; k < groups; k++)
        {
            steps[k] = MathF.Abs(stepSizes.Value.Span[k]);
            qmax[k] = QuantizationLevels(bitWidths.Value.Span[k]);
        }

        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        bool perRow = axis == QuantizerAxis.PerRow;
        tape.Compute.For(rows, 256, 8L * columns, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var xRow = xs.AsSpan(i * columns, columns);
                var yRow = ys.AsSpan(i * columns, columns);
                if (perRow)
                {
                    QuantizeKernel.ForwardRow(xRow, yRow, steps[i], qmax[i]);
                }
                else
                {
                    QuantizeKernel.ForwardColumns(xRow, yRow, steps, qmax);
                }
            }
        });

        var inputs = new[] { x, stepSizes, bitWidths };
        var result = tape.Result(y, inputs);
        bool task = gradient == QuantizerGradient.Task;
        tape.Record(result, gy =>
        {
            var gys = gy.Buffer;
            bool inputGradient = x.RequiresGrad;
            bool fresh = false;
            var gx = inputGradient ? tape.GradForAccumulation(x, out fresh).Buffer : [];
            var stepGrad = tape.AllocateScratch(groups, clear: false);
            var bitGrad = tape.AllocateScratch(groups, clear: false);
            if (perRow)
            {
                tape.Compute.For(rows, 256, 16L * columns, (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        var (ds, db) = QuantizeKernel.BackwardRow(
                            xs.AsSpan(i * columns, columns), ys.AsSpan(i * columns, columns), gys.AsSpan(i * columns, columns),
                            inputGradient ? gx.AsSpan(i * columns, columns) : default, inputGradient, steps[i], qmax[i], task, clipInputGradient, fresh);
                        stepGrad[i] = ds;
                        bitGrad[i] = db;
                    }
                });
            }
            else
            {
                // Column sums run over rows: fixed row chunks, partials added in chunk order.
                var sums = tape.AllocateScratch(2 * columns, clear: false);
                tape.Compute.Reduce(rows, 256, 2 * columns, 16L * columns, (start, end, partial) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        QuantizeKernel.BackwardColumns(
                            xs.AsSpan(i * columns, columns), ys.AsSpan(i * columns, columns), gys.AsSpan(i * columns, columns),
                            inputGradient ? gx.AsSpan(i * columns, columns) : default, inputGradient, steps, qmax, task, clipInputGradient,
                            partial.AsSpan(0, columns), partial.AsSpan(columns, columns), fresh);
                    }
                }, sums.AsSpan(0, 2 * columns));
                sums.AsSpan(0, columns).CopyTo(stepGrad);
                sums.AsSpan(columns, columns).CopyTo(bitGrad);
            }

            // The Local Gradient averages over the group (the feature dimension of a node, the nodes of a column).
            AddQuantizerGradients(tape, stepSizes, bitWidths, stepGrad, bitGrad, task ? 1f : 1f / (perRow ? columns : rows));
        });
        return result;
    }

    /// <summary>Adds scale × the per-group sums to the step-size and bitwidth gradients that are wanted.</summary>
    private static void AddQuantizerGradients(Tape tape, Variable stepSizes, Variable bitWidths, float[] stepSums, float[] bitSums, float scale)
    {
        foreach (var (parameter, sums) in new[] { (stepSizes, stepSums), (bitWidths, bitSums) })
        {
            if (parameter.RequiresGrad)
            {
                var g = tape.GradOf(parameter).Span;
                for (int k = 0; k < g.Length; k++)
                {
                    g[k] += sums[k] * scale;
                }
            }
        }
    }

    /// <summary>q_max = 2^(n−1) − 1 for n = round(|b|), rounding half to even (torch.round).</summary>
    internal static float QuantizationLevels(float bitWidth)
    {
        float n = MathF.Round(MathF.Abs(bitWidth), MidpointRounding.ToEven);
        return MathF.Pow(2f, n - 1f) - 1f;
    }
}
