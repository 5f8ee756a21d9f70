using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class DropoutTests
{
    [Fact]
    public void GradientMatchesFiniteDifferencesForAFixedMask() =>
        GradientCheck.Assert(v => Functional.Dropout(v[0], 0.4f, training: true, new CounterRandom(77)), GradientCheck.Random(6, 21, 19));

    [Fact]
    public void KeepsAboutOneMinusPAndScalesSurvivors()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Tensor(100, 100);
        x.Span.Fill(1f);
        var y = Functional.Dropout(tape.Constant(x), 0.3f, training: true, new CounterRandom(5));
        int kept = y.Value.ToArray().Count(v => v != 0f);
        Assert.InRange(kept, 6700, 7300);
        Assert.All(y.Value.ToArray().Where(v => v != 0f), v => Assert.Equal(1f / 0.7f, v, 6));
    }

    [Fact]
    public void IsTheIdentityInEvaluation()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = tape.Constant(GradientCheck.Random(3, 3, 1));
        Assert.Same(x, Functional.Dropout(x, 0.5f, training: false, new CounterRandom(1)));
    }

    [Fact]
    public void SparseDropoutDropsOnlyStoredEntriesWithTheSameMaskAtAnyThreadCount()
    {
        var dense = GradientCheck.Random(300, 200, 20);
        var sparse = SparseMatrix.FromDense(dense);
        float[] Drop(int threads)
        {
            using var compute = new ComputeContext(threads);
            using var tape = new Tape(compute);
            return Functional.SparseDropout(tape, sparse, 0.5f, training: true, new CounterRandom(3)).Values.ToArray();
        }

        var one = Drop(1);
        Assert.Equal(one, Drop(2));
        Assert.InRange(one.Count(v => v == 0f), sparse.NonZeros * 45 / 100, sparse.NonZeros * 55 / 100);
    }

    [Fact]
    public void RejectsProbabilityOutOfRange()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Dropout(tape.Constant(new Tensor(1, 1)), 1f, true, new CounterRandom(1)));
    }
}
