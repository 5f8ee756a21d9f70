using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

/// <summary>Degree-Quant's quantizer on a constant sparse input: the dense tensor's range, the dense tensor's levels.</summary>
public class SparseInputQuantizationTests
{
    [Theory]
    [InlineData(0.01f, 0.5, 7)]
    [InlineData(0.01f, 0.005, 11)]
    [InlineData(0.1f, 0.3, 13)]
    [InlineData(0f, 0.05, 17)]
    public void TheRangeOfStoredValuesAndAbsentZerosIsTheDenseTensorsRange(float percentile, double density, int seed)
    {
        // Stored values of both signs, a few of them explicit zeros; the absent entries are zeros.
        var random = new SeededRandom((ulong)seed);
        var dense = new float[3000];
        var stored = new List<float>();
        for (int i = 0; i < dense.Length; i++)
        {
            if (random.Uniform(0, 1) < density)
            {
                float v = random.Uniform(0, 1) < 0.1 ? 0f : random.Uniform(-2, 3);
                dense[i] = v;
                stored.Add(v);
            }
        }

        var expected = new RangeObserver(percentile);
        expected.Update(dense.ToArray());
        var observed = new RangeObserver(percentile);
        var values = stored.ToArray();
        var before = values.ToArray();
        observed.UpdateWithAbsentZeros(values, values.Length, dense.Length - values.Length);
        Assert.Equal((expected.Min, expected.Max), (observed.Min, observed.Max));
        Assert.Equal(before, values);
    }

    [Fact]
    public void AnInputWithFewerKeptEntriesThanThePercentileHasAFlatRangeAndDropoutsScaleRoundsToEven()
    {
        // DQ's first GAT layer after input dropout 0.6: 0/1 words kept as 2.5, under 1 % of the tensor stored.
        // Both percentiles are 0, the flat range has scale 1, and 2.5 rounds half to even to 2.
        var x = SparseWithOneEntryPerRow(rows: 4, columns: 200, value: 2.5f);
        var quantizer = new DqQuantizer("in", 4, signed: false, percentile: 0.01f, gradientClipping: true, mask: null);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        quantizer.Train();
        var y = quantizer.QuantizeSparse(tape, x);
        Assert.Equal((0f, 0f), (quantizer.Observer.Min, quantizer.Observer.Max));
        Assert.Equal(new[] { 2f, 2f, 2f, 2f }, y.Values);
        Assert.Same(x.Pattern, y.Pattern);

        // The same words kept in more than 1 % of the entries set the top of the range: 2.5 is the 15th level.
        var denser = SparseWithOneEntryPerRow(rows: 4, columns: 20, value: 2.5f);
        var fresh = new DqQuantizer("in", 4, signed: false, percentile: 0.01f, gradientClipping: true, mask: null);
        fresh.Train();
        Assert.Equal(new[] { 2.5f, 2.5f, 2.5f, 2.5f }, fresh.QuantizeSparse(tape, denser).Values, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void SparseQuantizationEqualsTheDenseQuantizerOnTheSameMatrixWithProtectedRowsPassing()
    {
        var random = new SeededRandom(5);
        var dense = new Tensor(6, 40);
        var span = dense.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = random.Uniform(0, 1) < 0.2 ? random.Uniform(0, 4) : 0f;
        }

        var sparse = SparseMatrix.FromDense(dense);
        var mask = new ProtectiveMask([0, 0, 0, 0, 0, 9], lowProbability: 0f, changeProbability: 1f);
        var onSparse = new DqQuantizer("s", 4, signed: false, percentile: 0.01f, gradientClipping: true, mask);
        var onDense = new DqQuantizer("d", 4, signed: false, percentile: 0.01f, gradientClipping: true, mask);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        onSparse.Train();
        onDense.Train();
        mask.Draw(new CounterRandom(2));
        Assert.True(mask.Current[5]);
        var fromSparse = onSparse.QuantizeSparse(tape, sparse).ToDense().ToArray();
        var fromDense = onDense.Forward(tape.Constant(dense)).Value.ToArray();
        Assert.Equal((onDense.Observer.Min, onDense.Observer.Max), (onSparse.Observer.Min, onSparse.Observer.Max));
        Assert.Equal(fromDense, fromSparse);
        Assert.Equal(dense.Row(5).ToArray(), fromSparse.AsSpan(5 * 40, 40).ToArray());
        Assert.NotEqual(dense.ToArray(), fromSparse);

        // Evaluation quantizes every row with the range training kept.
        onSparse.Eval();
        onDense.Eval();
        mask.Clear();
        Assert.Equal(onDense.Forward(tape.Constant(dense)).Value.ToArray(), onSparse.QuantizeSparse(tape, sparse).ToDense().ToArray());
    }

    private static SparseMatrix SparseWithOneEntryPerRow(int rows, int columns, float value)
    {
        var dense = new Tensor(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            dense.Span[(r * columns) + r] = value;
        }

        return SparseMatrix.FromDense(dense);
    }
}
