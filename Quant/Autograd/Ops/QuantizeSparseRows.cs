using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// <see cref="Quantize(Variable, Variable, Variable, QuantizerAxis, QuantizerGradient, bool)"/> per row of a
    /// sparse matrix given by its pattern and stored values (1 × nnz). Unstored entries are zeros: they
    /// quantize to zero and add nothing to either gradient rule (q − v = 0 and sign(x_q − x) = 0), but the
    /// Local Gradient still averages over the full row width, as the dense quantizer does.
    /// </summary>
    public static Variable QuantizeSparseRows(
        Tape tape, CsrPattern pattern, Variable values, Variable stepSizes, Variable bitWidths, QuantizerGradient gradient, bool clipInputGradient = false)
    {
        int rows = pattern.Rows;
        if (values.Value.Length != pattern.NonZeros || stepSizes.Value.Length != rows || bitWidths.Value.Length != rows)
        {
            throw new ArgumentException($"QuantizeSparseRows: {values.Value.Length} values, {stepSizes.Value.Length} steps, {bitWidths.Value.Length} bitwidths for a {rows}-row pattern with {pattern.NonZeros} entries");
        }

        // Each row runs with its own (s, q_max) broadcast; the step and bit terms of a row go to a small buffer and are
        // summed in element order, so every value equals that of a pass over the whole value array with (s, q_max)
        // spread to every entry, without the four entry-sized arrays that pass needed.
        int nnz = pattern.NonZeros;
        var rowPointers = pattern.RowPointers;
        int longestRow = 0;
        for (int i = 0; i < rows; i++)
        {
            longestRow = Math.Max(longestRow, rowPointers[i + 1] - rowPointers[i]);
        }

        var steps = new float[rows];
        var qmax = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            steps[i] = MathF.Abs(stepSizes.Value.Span[i]);
            qmax[i] = QuantizationLevels(bitWidths.Value.Span[i]);
        }

        var y = tape.Allocate(1, nnz, clear: false);
        var xs = values.Value.Buffer;
        var ys = y.Buffer;
        int rowsPerChunk = Math.Max(1, 16_384 / Math.Max(1, nnz / Math.Max(1, rows)));
        long costPerRow = 16L * Math.Max(1, nnz / Math.Max(1, rows));
        tape.Compute.For(rows, rowsPerChunk, costPerRow, (first, last) =>
        {
            for (int i = first; i < last; i++)
            {
                int begin = rowPointers[i], count = rowPointers[i + 1] - begin;
                QuantizeKernel.ForwardRow(xs.AsSpan(begin, count), ys.AsSpan(begin, count), steps[i], qmax[i]);
            }
        });
        var result = tape.Result(y, new[] { values, stepSizes, bitWidths });
        bool task = gradient == QuantizerGradient.Task;
        tape.Record(result, gy =>
        {
            bool inputGradient = values.RequiresGrad;
            bool fresh = false;
            var gx = inputGradient ? tape.GradForAccumulation(values, out fresh).Buffer : [];
            var gys = gy.Buffer;
            var stepGrad = tape.AllocateScratch(rows, clear: false);
            var bitGrad = tape.AllocateScratch(rows, clear: false);
            tape.Compute.For(rows, rowsPerChunk, 2 * costPerRow, (first, last) =>
            {
                var stepTerms = System.Buffers.ArrayPool<float>.Shared.Rent(longestRow);
                var bitTerms = System.Buffers.ArrayPool<float>.Shared.Rent(longestRow);
                for (int i = first; i < last; i++)
                {
                    int begin = rowPointers[i], count = rowPointers[i + 1] - begin;
                    QuantizeKernel.RowTerms(
                        xs.AsSpan(begin, count), ys.AsSpan(begin, count), gys.AsSpan(begin, count),
                        inputGradient ? gx.AsSpan(begin, count) : default, inputGradient, steps[i], qmax[i],
                        task, clipInputGradient, stepTerms.AsSpan(0, count), bitTerms.AsSpan(0, count), fresh);
                    stepGrad[i] = System.Numerics.Tensors.TensorPrimitives.Sum(stepTerms.AsSpan(0, count));
                    bitGrad[i] = System.Numerics.Tensors.TensorPrimitives.Sum(bitTerms.AsSpan(0, count));
                }

                System.Buffers.ArrayPool<float>.Shared.Return(stepTerms);
                System.Buffers.ArrayPool<float>.Shared.Return(bitTerms);
            });

            AddQuantizerGradients(tape, stepSizes, bitWidths, stepGrad, bitGrad, task ? 1f : 1f / pattern.Columns);
        });
        return result;
    }
}
