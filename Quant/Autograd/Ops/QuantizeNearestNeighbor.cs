using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// A²Q's graph-level feature quantizer, the Nearest Neighbor Strategy (paper §3.3, Algorithm 1): m groups of
    /// (s_k, b_k) serve any number of rows (nodes, or graphs for a readout layer). Row i takes the group index_i
    /// chosen by <paramref name="selection"/> (<see cref="NearestNeighborGroupSelector"/>) and is quantized exactly as a
    /// per-row <see cref="Quantize(Variable, Variable, Variable, QuantizerAxis, QuantizerGradient, bool)"/> would with
    /// (|s_index_i|, n = round(|b_index_i|)), Eq. 1/9.
    /// Backward: the input passes straight through (or only inside the range with <paramref name="clipInputGradient"/>);
    /// s and b get the task gradient of Eq. 3/4 (Σ_j dL/dy_ij·∂y_ij/∂s, likewise b, Eq. 10 derivatives) per row, then
    /// added into the group the row used, as the authors' scatter_add does ("we collect the gradients from the nodes
    /// that have used them and add these gradients together"); unused groups get 0; the selection has no gradient.
    /// Row sums are formed in parallel and added to the groups serially in row order, so the gradients are
    /// bit-identical at any thread count.
    /// </summary>
    /// <param name="stepSizes">m × 1</param>
    /// <param name="bitWidths">m × 1</param>
    /// <param name="groupIndices">the group each row used (a fresh array, owned by the caller)</param>
    /// <param name="rowDegrees">one degree per row, required by the in-degree rules, ignored otherwise</param>
    public static Variable QuantizeNearestNeighbor(
        Variable x,
        Variable stepSizes,
        Variable bitWidths,
        NearestNeighborSelection selection,
        out int[] groupIndices,
        int[]? rowDegrees = null,
        bool clipInputGradient = false)
    {
        int groups = stepSizes.Value.Length;
        if (groups < 1 || bitWidths.Value.Length != groups)
        {
            throw new ArgumentException(
                $"QuantizeNearestNeighbor: needs m ≥ 1 step sizes and as many bitwidths, got {stepSizes.Value.Length} and {bitWidths.Value.Length}");
        }

        var tape = Tape.Of(x, stepSizes);
        int rows = x.Rows, columns = x.Columns;
        var indices = NearestNeighborGroupSelector.Select(tape.Compute, x.Value, stepSizes.Value.Span, bitWidths.Value.Span, selection, rowDegrees);
        groupIndices = indices;

        var steps = new float[groups];
        var qmax = new float[groups];
        for (int k = 0; k < groups; k++)
        {
            steps[k] = MathF.Abs(stepSizes.Value.Span[k]);
            qmax[k] = QuantizationLevels(bitWidths.Value.Span[k]);
        }

        var y = tape.Allocate(rows, columns, clear: false);
        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        tape.Compute.For(rows, 256, 8L * columns, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                int group = indices[i];
                QuantizeKernel.ForwardRow(xs.AsSpan(i * columns, columns), ys.AsSpan(i * columns, columns), steps[group], qmax[group]);
            }
        });

        var result = tape.Result(y, [x, stepSizes, bitWidths]);
        tape.Record(result, gy =>
        {
            var gys = gy.Buffer;
            bool inputGradient = x.RequiresGrad;
            bool fresh = false;
            var gx = inputGradient ? tape.GradForAccumulation(x, out fresh).Buffer : [];
            var rowStepGrad = tape.AllocateScratchSized(rows, clear: false);
            var rowBitGrad = tape.AllocateScratchSized(rows, clear: false);
            tape.Compute.For(rows, 256, 16L * columns, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    int group = indices[i];
                    var (ds, db) = QuantizeKernel.BackwardRow(
                        xs.AsSpan(i * columns, columns), ys.AsSpan(i * columns, columns), gys.AsSpan(i * columns, columns),
                        inputGradient ? gx.AsSpan(i * columns, columns) : default, inputGradient, steps[group], qmax[group],
                        taskGradient: true, clipInputGradient, fresh);
                    rowStepGrad[i] = ds;
                    rowBitGrad[i] = db;
                }
            });

            var stepGrad = tape.AllocateScratch(groups, clear: true);
            var bitGrad = tape.AllocateScratch(groups, clear: true);
            for (int i = 0; i < rows; i++)
            {
                stepGrad[indices[i]] += rowStepGrad[i];
                bitGrad[indices[i]] += rowBitGrad[i];
            }

            AddQuantizerGradients(tape, stepSizes, bitWidths, stepGrad, bitGrad, 1f);
        });
        return result;
    }
}
