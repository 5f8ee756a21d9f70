using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class DqQuantizerTests
{
    [Fact]
    public void ParametersFollowDegreeQuantsGetQparams()
    {
        // signed INT4: q ∈ [−8, 7]; scale = 2.0/15; zp = −8 − round(−0.5/scale) = −8 − round(−3.75) = −4
        var (qmin, qmax, zero, scale) = DqQuantizer.Parameters(-0.5f, 1.5f, 4, signed: true);
        Assert.Equal((-8f, 7f, -4f), (qmin, qmax, zero));
        Assert.Equal(2f / 15f, scale, 6);

        // unsigned INT4: q ∈ [0, 15]; zp = 0 − round(−3.75) = 4
        var unsigned = DqQuantizer.Parameters(-0.5f, 1.5f, 4, signed: false);
        Assert.Equal((0f, 15f, 4f), (unsigned.QMin, unsigned.QMax, unsigned.ZeroPoint));
    }

    [Fact]
    public void TheRangeAlwaysContainsZeroAndAFlatRangeUsesUnitScale()
    {
        var positive = DqQuantizer.Parameters(0.2f, 1.0f, 4, signed: false);
        Assert.Equal(1f / 15f, positive.Scale, 6);
        Assert.Equal(0f, positive.ZeroPoint);
        var flat = DqQuantizer.Parameters(0f, 0f, 4, signed: true);
        Assert.Equal((1f, 0f), (flat.Scale, flat.ZeroPoint));
    }

    [Fact]
    public void FakeQuantizeRoundsHalfToEvenClampsAndClipsGradientsAtTheEnds()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Parameter("x", ParameterRole.Weight, Tensor.FromArray(1, 6, [-1f, 0f, 0.3f, 1.4f, 5f, 9f]));
        bool[] protect = [false, false, false, false, false, true];
        var y = Functional.FakeQuantizeAffine(tape, x, scale: 0.2f, zeroPoint: 0f, qmin: -8f, qmax: 7f, protect, gradientClipping: true);

        // levels −5, 0, 1.5 → 2 (half to even), 7, 25 → 7; the protected element passes unchanged
        Assert.Equal(new[] { -1f, 0f, 0.4f, 1.4f, 1.4f, 9f }, y.Value.ToArray(), new FloatTolerance(1e-6f));
        tape.Backward(Functional.Sum(y));

        // no gradient where the unclamped level is at or beyond q_max (7, 25); the protected element keeps its own
        Assert.Equal(new[] { 1f, 1f, 1f, 0f, 0f, 1f }, x.Gradient.ToArray());
    }

    [Fact]
    public void PerNodeBitwidthsShareTheTensorRangeWithOneScalePerWidth()
    {
        // Unsigned, range [0, 3] (percentile 0: the extremes). Node 0 at 2 bits: q ∈ [0, 3], scale 1;
        // node 1 at 3 bits: q ∈ [0, 7], scale 3/7.
        //   node 0: 0 → 0, 0.6 → 1, 3 → 3           gradient 0 (level ≤ q_min), 1, 0 (level ≥ q_max)
        //   node 1: 1 → 2.33 → 2, 2 → 4.67 → 5, 0.9 → 2.1 → 2   gradient 1, 1, 1
        var q = new DqQuantizer("q", bits: 4, signed: false, percentile: 0f, gradientClipping: true, mask: null, nodeBits: [2, 3]);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Parameter("x", ParameterRole.Weight, Tensor.FromArray(2, 3, [0f, 0.6f, 3f, 1f, 2f, 0.9f]));
        var y = q.Forward(tape.Constant(x.Value)).Value.ToArray();
        float s3 = 3f / 7f;
        Assert.Equal(new[] { 0f, 1f, 3f, 2 * s3, 5 * s3, 2 * s3 }, y, new FloatTolerance(1e-6f));

        using var gradientTape = new Tape(compute);
        var onTape = Functional.Add(gradientTape.Constant(new Tensor(2, 3)), x);
        gradientTape.Backward(Functional.Sum(q.Forward(onTape)));
        Assert.Equal(new[] { 0f, 1f, 0f, 1f, 1f, 1f }, x.Gradient.ToArray());
    }

    [Fact]
    public void PerNodeBitwidthsOfAnEdgeTensorFollowTheSourceNode()
    {
        // edges 0, 1, 2 out of nodes 1, 0, 1: widths 3, 2, 3 over the range [0, 3]
        var q = new DqQuantizer("q", bits: 4, signed: false, percentile: 0f, gradientClipping: false, mask: null, edgeSources: [1, 0, 1], nodeBits: [2, 3]);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = q.Forward(tape.Constant(Tensor.FromArray(3, 1, [1f, 0.6f, 3f]))).Value.ToArray();
        Assert.Equal(new[] { 2 * 3f / 7f, 1f, 3f }, y, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void ObserverTakesPercentilesAndKeepsTheWidestRange()
    {
        var observer = new RangeObserver(0.01f);
        var values = Enumerable.Range(0, 100).Select(i => (float)((i * 37) % 100)).ToArray();
        observer.Update(values);
        Assert.Equal((0f, 98f), (observer.Min, observer.Max)); // k = 1 and k = 99 of 100 (torch.kthvalue)
        observer.Update(Enumerable.Range(0, 100).Select(i => (float)i - 10f).ToArray());
        Assert.Equal((-10f, 98f), (observer.Min, observer.Max));
    }

    [Fact]
    public void ObserverWithMomentumMovesTowardsEachBatch()
    {
        var observer = new RangeObserver(0.01f, momentum: 0.5f);
        observer.Update(Enumerable.Range(0, 100).Select(i => (float)i).ToArray());
        observer.Update(Enumerable.Range(0, 100).Select(i => i + 100f).ToArray());
        Assert.Equal(50f, observer.Min);
        Assert.Equal(148f, observer.Max);
    }

    [Fact]
    public void KthSmallestAgreesWithSorting()
    {
        var random = new SeededRandom(3);
        var values = Enumerable.Range(0, 1001).Select(_ => random.Uniform(-5, 5)).ToArray();
        var sorted = values.Order().ToArray();
        foreach (int k in new[] { 0, 10, 500, 989, 1000 })
        {
            Assert.Equal(sorted[k], RangeObserver.KthSmallest(values.ToArray(), k));
        }
    }

    [Fact]
    public void ProtectedRowsBypassTheQuantizerOnlyInTraining()
    {
        var mask = new ProtectiveMask([0, 0, 5], lowProbability: 0f, changeProbability: 1f);
        var quantizer = new DqQuantizer("q", 4, signed: true, percentile: 0f, gradientClipping: false, mask);
        var x = Tensor.FromRows(new float[,] { { 0.33f, -0.71f }, { 0.5f, 0.1f }, { 0.77f, 0.9f } });
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        quantizer.Train();
        mask.Draw(new CounterRandom(1));
        Assert.True(mask.Current[2]); // p = 1 for the highest in-degree
        var trained = quantizer.Forward(tape.Constant(x));
        Assert.Equal(x.Row(2).ToArray(), trained.Value.Row(2).ToArray());

        quantizer.Eval();
        mask.Clear();
        var evaluated = quantizer.Forward(tape.Constant(x));
        Assert.NotEqual(x.Row(2).ToArray(), evaluated.Value.Row(2).ToArray());
    }

    [Fact]
    public void EdgeRowsShareTheProtectionOfTheirSourceInEachBatchsPattern()
    {
        // Node 2 has the highest in-degree, so p = 1: every edge out of it bypasses the quantizer in training
        // (DQ masks an edge by edge_index[0], the node the message comes from).
        var mask = new ProtectiveMask([1, 0, 2], lowProbability: 0f, changeProbability: 1f);
        var quantizer = new DqQuantizer("logits", 4, signed: true, percentile: 0f, gradientClipping: false, mask, edgeSources: []);
        quantizer.Train();
        mask.Draw(new CounterRandom(7));
        Assert.True(mask.Current[2]);

        // Edges by target: 2 → 0, then 0 → 2 and 1 → 2 (two heads per edge).
        var edges = new CsrPattern(3, 3, [0, 1, 1, 3], [2, 0, 1]);
        var logits = Tensor.FromRows(new float[,] { { 0.33f, -0.71f }, { 0.52f, 0.13f }, { -0.77f, 0.91f } });
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        Assert.Throws<InvalidOperationException>(() => quantizer.Forward(tape.Constant(logits))); // no pattern yet
        quantizer.UseEdges(edges);
        var y = quantizer.Forward(tape.Constant(logits)).Value;

        Assert.Equal(logits.Row(0).ToArray(), y.Row(0).ToArray());
        Assert.Equal(mask.Current[0], logits.Row(1).ToArray().SequenceEqual(y.Row(1).ToArray()));
        Assert.Equal(mask.Current[1], logits.Row(2).ToArray().SequenceEqual(y.Row(2).ToArray()));
        Assert.NotEqual(mask.Current[0], mask.Current[1]); // this draw tells the two sources apart

        // The next batch's pattern replaces the sources: one edge, 1 → 0.
        quantizer.UseEdges(new CsrPattern(3, 3, [0, 1, 1, 1], [1]));
        var single = Tensor.FromArray(1, 2, [0.33f, -0.71f]);
        Assert.Equal(mask.Current[1], single.ToArray().SequenceEqual(quantizer.Forward(tape.Constant(single)).Value.ToArray()));
        Assert.Throws<InvalidOperationException>(() => new DqQuantizer("nodes", 4, signed: true, percentile: 0f, gradientClipping: false, mask).UseEdges(edges));
    }

    [Fact]
    public void ARowMaskEqualsTheSameMaskExpandedToEveryElement()
    {
        var values = Tensor.FromRows(new float[,] { { -1f, 0.3f, 9f }, { 1.4f, 5f, 0f }, { 0.5f, -0.7f, 2.2f } });
        bool[] rows = [false, true, false];
        bool[] elements = [false, false, false, true, true, true, false, false, false];

        float[] Run(bool[] mask, int per, out float[] gradient)
        {
            using var compute = new ComputeContext(1);
            using var tape = new Tape(compute);
            var x = new Parameter("x", ParameterRole.Weight, values.Clone());
            var y = Functional.FakeQuantizeAffine(tape, x, scale: 0.2f, zeroPoint: 0f, qmin: -8f, qmax: 7f, mask, gradientClipping: true, passThroughRowLength: per);
            tape.Backward(Functional.Sum(y));
            gradient = x.Gradient.ToArray();
            return y.Value.ToArray();
        }

        Assert.Equal(Run(elements, 1, out var elementGradient), Run(rows, 3, out var rowGradient));
        Assert.Equal(elementGradient, rowGradient);
        Assert.Equal([1.4f, 5f, 0f], Run(rows, 3, out _)[3..6]);
        Assert.Throws<ArgumentException>(() => Run(rows, 2, out _));
    }
}
