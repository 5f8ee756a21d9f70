using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class QuantizeSparseRowsTests
{
    [Theory]
    [InlineData(QuantizerGradient.Task)]
    [InlineData(QuantizerGradient.LocalError)]
    public void MatchesTheDenseQuantizerOnTheSameMatrix(QuantizerGradient gradient)
    {
        // 4 rows × 40 columns, about a third stored, rows long enough for vector blocks.
        var random = new SeededRandom(70);
        var dense = new Tensor(4, 40);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 40; j++)
            {
                if (random.NextFloat() < 0.35f)
                {
                    dense[i, j] = random.Uniform(-2f, 2f);
                }
            }
        }

        var sparse = SparseMatrix.FromDense(dense);
        var stepValues = Tensor.FromArray(4, 1, [0.1f, 0.25f, 0.4f, 0.05f]);
        var bitValues = Tensor.FromArray(4, 1, [3f, 2f, 4f, 3f]);
        var upstream = GradientCheck.Random(4, 40, 71);

        using var compute = new ComputeContext(1);
        var (denseY, denseSteps, denseBits) = Run(compute, t =>
        {
            var steps = new Parameter("s", ParameterRole.FeatureStepSize, stepValues.Clone());
            var bits = new Parameter("b", ParameterRole.FeatureBitWidth, bitValues.Clone());
            var y = Functional.Quantize(t.Constant(dense), steps, bits, QuantizerAxis.PerRow, gradient);
            t.Backward(Functional.Sum(Functional.Multiply(y, t.Constant(upstream))));
            return (y.Value.ToArray(), steps.Gradient.ToArray(), bits.Gradient.ToArray());
        });
        var (sparseY, sparseSteps, sparseBits) = Run(compute, t =>
        {
            var steps = new Parameter("s", ParameterRole.FeatureStepSize, stepValues.Clone());
            var bits = new Parameter("b", ParameterRole.FeatureBitWidth, bitValues.Clone());
            var y = Functional.QuantizeSparseRows(t, sparse.Pattern, t.Constant(Tensor.FromArray(1, sparse.NonZeros, sparse.Values)), steps, bits, gradient);
            var upstreamStored = new float[sparse.NonZeros];
            for (int i = 0, p = 0; i < 4; i++)
            {
                foreach (int j in sparse.Pattern.RowColumns(i))
                {
                    upstreamStored[p++] = upstream[i, j];
                }
            }

            t.Backward(Functional.Sum(Functional.Multiply(y, t.Constant(Tensor.FromArray(1, sparse.NonZeros, upstreamStored)))));
            return (new SparseMatrix(sparse.Pattern, y.Value.ToArray()).ToDense().ToArray(), steps.Gradient.ToArray(), bits.Gradient.ToArray());
        });

        Assert.Equal(denseY, sparseY);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(denseSteps[k], sparseSteps[k], 4);
            Assert.Equal(denseBits[k], sparseBits[k], 4);
        }
    }

    private static T Run<T>(ComputeContext compute, Func<Tape, T> body)
    {
        using var tape = new Tape(compute);
        return body(tape);
    }
}
