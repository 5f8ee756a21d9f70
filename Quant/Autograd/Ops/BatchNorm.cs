using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over rows (nodes), per column: y = γ·(x − μ)/√(σ² + ε) + β. In training μ, σ²
    /// are the batch statistics (biased σ² for normalising, unbiased for the running estimate, as PyTorch)
    /// and the running estimates move by <paramref name="momentum"/>; in evaluation the running estimates
    /// are used. Column statistics are summed in fixed row chunks (thread-count independent).
    /// </summary>
    public static Variable BatchNorm(
        Variable x, Variable gamma, Variable beta, Tensor runningMean, Tensor runningVariance,
        bool training, float momentum = 0.1f, float epsilon = 1e-5f)
    {
        int n = x.Rows, f = x.Columns;
        if (gamma.Columns != f || beta.Columns != f || runningMean.Length != f || runningVariance.Length != f)
        {
            throw new ArgumentException($"BatchNorm: parameters must have {f} columns");
        }

        var tape = Tape.Of(x, gamma);
        var mean = tape.AllocateScratch(f, clear: false);
        var invStd = tape.AllocateScratch(f, clear: false);
        if (training)
        {
            if (n < 2)
            {
                throw new ArgumentException("BatchNorm: training needs at least 2 rows per batch");
            }

            ColumnMoments(tape, x.Value, mean, invStd);
            for (int j = 0; j < f; j++)
            {
                float variance = invStd[j];
                runningMean.Span[j] = ((1f - momentum) * runningMean.Span[j]) + (momentum * mean[j]);
                runningVariance.Span[j] = ((1f - momentum) * runningVariance.Span[j]) + (momentum * variance * n / (n - 1));
                invStd[j] = 1f / MathF.Sqrt(variance + epsilon);
            }
        }
        else
        {
            for (int j = 0; j < f; j++)
            {
                mean[j] = runningMean.Span[j];
                invStd[j] = 1f / MathF.Sqrt(runningVariance.Span[j] + epsilon);
            }
        }

        var normalized = tape.Allocate(n, f, clear: false);
        var y = tape.Allocate(n, f, clear: false);
        // y = γ·x̂ + β with x̂ = (x − μ)·invStd, row by row with vectors, rows in parallel.
        var gammaValues = gamma.Value.Buffer;
        var betaValues = beta.Value.Buffer;
        int rowChunk = Math.Max(1, ComputeContext.ElementwiseChunk / Math.Max(1, f));
        tape.Compute.For(n, rowChunk, 2L * f, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                BatchNormRowKernel.Normalize(
                    x.Value.Row(i), mean.AsSpan(0, f), invStd.AsSpan(0, f), gammaValues.AsSpan(0, f), betaValues.AsSpan(0, f),
                    normalized.Row(i), y.Row(i));
            }
        });

        var result = tape.Result(y, new[] { x, gamma, beta });
        tape.Record(result, gy =>
        {
            var sumG = tape.AllocateScratch(f, clear: true);
            var sumGN = tape.AllocateScratch(f, clear: true);
            ColumnSumsWithProducts(tape, gy, normalized, sumG.AsSpan(0, f), sumGN.AsSpan(0, f));
            if (gamma.RequiresGrad)
            {
                var gg = tape.GradOf(gamma).Span;
                System.Numerics.Tensors.TensorPrimitives.Add(gg, sumGN.AsSpan(0, f), gg);
            }

            if (beta.RequiresGrad)
            {
                var gb = tape.GradOf(beta).Span;
                System.Numerics.Tensors.TensorPrimitives.Add(gb, sumG.AsSpan(0, f), gb);
            }

            if (x.RequiresGrad)
            {
                // dx = γ·invStd·(dy − mean(dy) − x̂·mean(dy·x̂)) in training; γ·invStd·dy in evaluation.
                var gx = tape.GradForAccumulation(x, out bool fresh);
                var coefficient = new float[f];
                var centre = new float[f];
                var slope = new float[f];
                for (int j = 0; j < f; j++)
                {
                    coefficient[j] = gamma.Value.Span[j] * invStd[j];
                    centre[j] = training ? sumG[j] / n : 0f;
                    slope[j] = training ? sumGN[j] : 0f;
                }

                tape.Compute.For(n, Math.Max(1, ComputeContext.ElementwiseChunk / Math.Max(1, f)), 3L * f, (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        BatchNormRowKernel.AddInputGradient(gy.Row(i), normalized.Row(i), centre, slope, coefficient, n, gx.Row(i), fresh);
                    }
                });
            }
        });
        return result;
    }

    /// <summary>
    /// Adds the column sums of <paramref name="g"/> to <paramref name="sums"/> and those of g ⊙ <paramref name="factors"/>
    /// to <paramref name="productSums"/>, in one pass over both tensors: the same fixed row chunks and order as two
    /// <see cref="ColumnSums"/>, the second over a product tensor, so the same sums, without writing that tensor.
    /// </summary>
    private static void ColumnSumsWithProducts(Tape tape, Tensor g, Tensor factors, Span<float> sums, Span<float> productSums)
    {
        int n = g.Columns;
        var both = tape.AllocateScratch(2 * n, clear: false);
        float[] gs = g.Buffer, fs = factors.Buffer;
        tape.Compute.Reduce(
            g.Rows, 512, 2 * n, 2 * n,
            (start, end, partial) => ColumnSumKernel.AddRowsAndProducts(gs, fs, n, start, end, partial.AsSpan(0, n), partial.AsSpan(n, n)),
            both.AsSpan(0, 2 * n));
        System.Numerics.Tensors.TensorPrimitives.Add(sums, both.AsSpan(0, n), sums);
        System.Numerics.Tensors.TensorPrimitives.Add(productSums, both.AsSpan(n, n), productSums);
    }

    /// <summary>Column means and biased variances (two passes, for accuracy), in fixed row chunks.</summary>
    private static void ColumnMoments(Tape tape, Tensor x, float[] mean, float[] variance)
    {
        int n = x.Rows, f = x.Columns;
        ColumnSums(tape, x, ClearAndSpan(mean, f));
        System.Numerics.Tensors.TensorPrimitives.Multiply(mean.AsSpan(0, f), 1f / n, mean.AsSpan(0, f));
        var buffer = x.Buffer;
        var sums = tape.AllocateScratch(f, clear: false);
        tape.Compute.Reduce(n, 512, f, f, (start, end, partial) =>
        {
            for (int i = start; i < end; i++)
            {
                BatchNormRowKernel.AddSquaredDeviations(buffer.AsSpan(i * f, f), mean.AsSpan(0, f), partial.AsSpan(0, f));
            }
        }, sums.AsSpan(0, f));
        for (int j = 0; j < f; j++)
        {
            variance[j] = sums[j] / n;
        }
    }

    private static Span<float> ClearAndSpan(float[] buffer, int length)
    {
        var span = buffer.AsSpan(0, length);
        span.Clear();
        return span;
    }
}
