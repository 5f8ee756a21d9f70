using A2Q.Quant.Tensors;

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
        var g = gamma.Value.Span;
        var b = beta.Value.Span;
        for (int i = 0; i < n; i++)
        {
            var xr = x.Value.Row(i);
            var nr = normalized.Row(i);
            var yr = y.Row(i);
            for (int j = 0; j < f; j++)
            {
                nr[j] = (xr[j] - mean[j]) * invStd[j];
                yr[j] = (g[j] * nr[j]) + b[j];
            }
        }

        var result = tape.Result(y, new[] { x, gamma, beta });
        tape.Record(result, gy =>
        {
            var sumG = tape.AllocateScratch(f, clear: true);
            var sumGN = tape.AllocateScratch(f, clear: true);
            ColumnSums(tape, gy, sumG.AsSpan(0, f));
            var product = tape.Allocate(n, f, clear: false);
            System.Numerics.Tensors.TensorPrimitives.Multiply(gy.Span, normalized.Span, product.Span);
            ColumnSums(tape, product, sumGN.AsSpan(0, f));
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
                var gx = tape.GradOf(x);
                var gv = gamma.Value.Span;
                for (int i = 0; i < n; i++)
                {
                    var gyr = gy.Row(i);
                    var nr = normalized.Row(i);
                    var gxr = gx.Row(i);
                    for (int j = 0; j < f; j++)
                    {
                        gxr[j] += training
                            ? gv[j] * invStd[j] * (gyr[j] - (sumG[j] / n) - (nr[j] * sumGN[j] / n))
                            : gv[j] * invStd[j] * gyr[j];
                    }
                }
            }
        });
        return result;
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
                for (int j = 0; j < f; j++)
                {
                    float d = buffer[(i * f) + j] - mean[j];
                    partial[j] += d * d;
                }
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
