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

        // Rows are short (tens of entries), so per-row vector loops would spend most of their time in scalar
        // tails. Instead each stored entry gets its row's (s, q_max) and the whole value array runs as one
        // vector pass; per-row sums are taken afterwards.
        int nnz = pattern.NonZeros;
        var rowPointers = pattern.RowPointers;
        var steps = tape.AllocateScratch(nnz, clear: false);
        var qmax = tape.AllocateScratch(nnz, clear: false);
        for (int i = 0; i < rows; i++)
        {
            int begin = rowPointers[i], count = rowPointers[i + 1] - begin;
            steps.AsSpan(begin, count).Fill(MathF.Abs(stepSizes.Value.Span[i]));
            qmax.AsSpan(begin, count).Fill(QuantizationLevels(bitWidths.Value.Span[i]));
        }

        var y = tape.Allocate(1, nnz, clear: false);
        var xs = values.Value.Buffer;
        var ys = y.Buffer;
        const int Chunk = 16_384;
        tape.Compute.For(nnz, Chunk, 16, (start, end) =>
            QuantizeKernel.ForwardColumns(xs.AsSpan(start, end - start), ys.AsSpan(start, end - start), steps.AsSpan(start, end - start), qmax.AsSpan(start, end - start)));
        var result = tape.Result(y, new[] { values, stepSizes, bitWidths });
        bool task = gradient == QuantizerGradient.Task;
        tape.Record(result, gy =>
        {
            bool inputGradient = values.RequiresGrad;
            var gx = inputGradient ? tape.GradOf(values).Buffer : [];
            var gys = gy.Buffer;
            var stepTerms = tape.AllocateScratch(nnz, clear: true);
            var bitTerms = tape.AllocateScratch(nnz, clear: true);
            tape.Compute.For(nnz, Chunk, 32, (start, end) =>
                QuantizeKernel.BackwardColumns(
                    xs.AsSpan(start, end - start), ys.AsSpan(start, end - start), gys.AsSpan(start, end - start),
                    inputGradient ? gx.AsSpan(start, end - start) : default, inputGradient, steps.AsSpan(start, end - start), qmax.AsSpan(start, end - start),
                    task, clipInputGradient, stepTerms.AsSpan(start, end - start), bitTerms.AsSpan(start, end - start)));
            var stepGrad = tape.AllocateScratch(rows, clear: false);
            var bitGrad = tape.AllocateScratch(rows, clear: false);
            for (int i = 0; i < rows; i++)
            {
                int begin = rowPointers[i], count = rowPointers[i + 1] - begin;
                stepGrad[i] = System.Numerics.Tensors.TensorPrimitives.Sum(stepTerms.AsSpan(begin, count));
                bitGrad[i] = System.Numerics.Tensors.TensorPrimitives.Sum(bitTerms.AsSpan(begin, count));
            }

            AddQuantizerGradients(tape, stepSizes, bitWidths, stepGrad, bitGrad, task ? 1f : 1f / pattern.Columns);
        });
        return result;
    }
}
