using A2Q.Quant.Quantization;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Bi-GCN's 1-bit quantizer (Wang et al. 2021, the baseline of the paper's Table 16): y = α_g·sign(x) with one
    /// scale per group, α_g = ‖x_g‖₁ / n_g (the mean magnitude), per row for node features and per column for
    /// weights stored in × out. sign(0) = 0, as torch.sign.
    /// </summary>
    public static Variable Binarize(Variable x, QuantizerAxis axis, BinarizeGradient gradient) => Binarize(Tape.Of(x), x, axis, gradient);

    /// <summary>As above, on an explicit tape: for binarizing a parameter (a weight), which lives on no tape.</summary>
    public static Variable Binarize(Tape tape, Variable x, QuantizerAxis axis, BinarizeGradient gradient)
    {
        int rows = x.Rows, columns = x.Columns;
        bool perRow = axis == QuantizerAxis.PerRow;
        int groups = perRow ? rows : columns;
        int groupSize = perRow ? columns : rows;
        var scales = new float[groups];
        var xs = x.Value.Buffer;
        var y = tape.Allocate(rows, columns, clear: false);
        var ys = y.Buffer;
        if (perRow)
        {
            // Node features are wide (1433–3703 columns) and many: rows in parallel, each its own scale.
            tape.Compute.For(rows, 64, 4L * columns, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var row = xs.AsSpan(i * columns, columns);
                    float scale = System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes<float>(row) / columns;
                    scales[i] = scale;
                    var output = ys.AsSpan(i * columns, columns);
                    for (int j = 0; j < row.Length; j++)
                    {
                        output[j] = scale * SignOf(row[j]);
                    }
                }
            });
        }
        else
        {
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    scales[j] += MathF.Abs(xs[i * columns + j]);
                }
            }

            for (int j = 0; j < columns; j++)
            {
                scales[j] /= rows;
            }

            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    ys[i * columns + j] = scales[j] * SignOf(xs[i * columns + j]);
                }
            }
        }

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Buffer;
            var gys = gy.Buffer;
            var signedSums = new float[groups];
            if (gradient == BinarizeGradient.WithScale)
            {
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < columns; j++)
                    {
                        int k = i * columns + j;
                        signedSums[perRow ? i : j] += SignOf(xs[k]) * gys[k];
                    }
                }
            }

            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    int k = i * columns + j;
                    int group = perRow ? i : j;
                    float inRange = MathF.Abs(xs[k]) <= 1f ? 1f : 0f;
                    g[k] += gradient == BinarizeGradient.WithScale
                        ? scales[group] * inRange * gys[k] + SignOf(xs[k]) * signedSums[group] / groupSize
                        : inRange * gys[k];
                }
            }
        });
        return result;
    }

    /// <summary>torch.sign as a float, without a branch: 1, −1, or 0 for zero.</summary>
    private static float SignOf(float value) => (value > 0f ? 1f : 0f) - (value < 0f ? 1f : 0f);
}
