using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class NearestNeighborQuantizerTests
{
    /// <summary>
    /// m = 4 groups, s = [0.1, 1, 1, 1], b = [4.2, 3, −5, 2] → n = [4, 3, 5, 2], authors' q_max = [0.8, 4, 16, 2].
    /// Rows with f = 0.7, 15, 0.9 (16 features each) use groups 0, 2, 0; groups 1 and 3 are unused.
    /// </summary>
    private static NearestNeighborQuantizer Example()
    {
        var q = new NearestNeighborQuantizer("conv1.fea", 4, NearestNeighborSelection.AuthorsQmax, 4f, new StepSizeInit(0.01f, 0.1f));
        new[] { 0.1f, 1f, 1f, 1f }.CopyTo(q.StepSize.Value.Span);
        new[] { 4.2f, 3f, -5f, 2f }.CopyTo(q.BitWidth.Value.Span);
        return q;
    }

    private static Tensor ExampleInput()
    {
        var x = new Tensor(3, 16);
        x[0, 3] = -0.7f;
        x[1, 0] = 15f;
        x[2, 15] = 0.9f;
        return x;
    }

    [Fact]
    public void ParametersHaveFeatureRolesAndStartAtTheirInitialValues()
    {
        var q = new NearestNeighborQuantizer("q", 1000, NearestNeighborSelection.AuthorsQmax, 5f, new StepSizeInit(0f, 0f, Uniform: true));
        q.ResetParameters(new SeededRandom(3));
        Assert.Equal(ParameterRole.FeatureStepSize, q.StepSize.Role);
        Assert.Equal(ParameterRole.FeatureBitWidth, q.BitWidth.Role);
        Assert.Equal((1000, 1), (q.StepSize.Rows, q.StepSize.Columns));
        Assert.All(q.StepSize.Value.ToArray(), s => Assert.InRange(s, 0f, 1f));
        Assert.InRange(q.StepSize.Value.ToArray().Average(), 0.45, 0.55);
        Assert.All(q.BitWidth.Value.ToArray(), b => Assert.Equal(5f, b));

        var normal = new NearestNeighborQuantizer("n", 1000, NearestNeighborSelection.AuthorsQmax, 4f, new StepSizeInit(0.01f, 0.1f));
        normal.ResetParameters(new SeededRandom(3));
        Assert.All(normal.StepSize.Value.ToArray(), s => Assert.True(s >= 0f));
        Assert.InRange(normal.StepSize.Value.ToArray().Average(), 0.07, 0.095); // E|N(0.01, 0.1)| ≈ 0.0804
    }

    [Fact]
    public void ForwardRecordsTheGroupsItUsed()
    {
        var q = Example();
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute, recordGradients: false);
        q.Forward(tape.Constant(ExampleInput()));

        var used = q.LastAssignment!;
        Assert.Equal(new[] { 0, 2, 0 }, used.GroupIndices);
        Assert.Equal(new[] { 0, 2 }, used.UsedGroups);
        Assert.Equal(new[] { 4, 3, 5, 2 }, used.GroupIntegerBits);
        Assert.Equal(16, used.FeatureDimension);

        // round(|b|) − 1 per row: 3, 4, 3.
        Assert.Equal(10.0 / 3.0, used.AverageBits, 12);
    }

    [Fact]
    public void MemoryTermCountsOnlyTheUsedGroups()
    {
        // M = 16·(|4.2| + |−5|) / 8192 = 0.01796875 KB; target 0.01 → excess 0.00796875; λ = 2 → L = 2·0.00796875²;
        // dL/db_k = 2λ·excess·16/8192·sign(b_k) = 6.2255859e-5·sign(b_k) for the used groups 0 and 2, 0 elsewhere.
        var q = Example();
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = q.Forward(tape.Constant(ExampleInput()));
        var term = q.MemoryTermOfLastForward();
        Assert.Equal(0.01796875, Functional.MemoryKilobytes([term]), 9);

        var penalty = Functional.MemoryPenalty(tape, [term], 0.01f, 2f, MemoryPenaltyForm.OneSided);
        tape.Backward(Functional.Add(penalty, Functional.Scale(Functional.Sum(y), 0f)));
        Assert.Equal((float)(2 * 0.00796875 * 0.00796875), penalty.Value.Span[0], 9);
        Assert.Equal(new[] { 6.2255859e-5f, 0f, -6.2255859e-5f, 0f }, q.BitWidth.Gradient.ToArray(), new Support.FloatTolerance(1e-10f));
    }

    [Fact]
    public void MemoryTermNeedsAForwardFirst() =>
        Assert.Throws<InvalidOperationException>(() => Example().MemoryTermOfLastForward());

    [Fact]
    public void CountedGroupsMustBeDistinctAndInRange()
    {
        var q = Example();
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        Assert.Throws<ArgumentException>(() => Functional.MemoryPenalty(tape, [new MemoryTerm(q.BitWidth, 16f, [0, 0])], 0f, 1f, MemoryPenaltyForm.OneSided));
        Assert.Throws<ArgumentException>(() => Functional.MemoryPenalty(tape, [new MemoryTerm(q.BitWidth, 16f, [4])], 0f, 1f, MemoryPenaltyForm.OneSided));
    }

    [Fact]
    public void DegreeRulesReadTheDegreesOfTheCurrentBatch()
    {
        var q = new NearestNeighborQuantizer("q", 1000, NearestNeighborSelection.InDegreeDirect, 4f, new StepSizeInit(0.01f, 0.1f));
        q.ResetParameters(new SeededRandom(1));
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute, recordGradients: false);
        var x = tape.Constant(new Tensor(3, 2));
        Assert.Throws<ArgumentException>(() => q.Forward(x));

        q.UseRowDegrees([3, 0, 1200]);
        q.Forward(x);
        Assert.Equal(new[] { 3, 0, 999 }, q.LastAssignment!.GroupIndices);
    }

    [Fact]
    public void ParametersAndSparseRowsAreNotSupported()
    {
        var q = Example();
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        Assert.Throws<NotSupportedException>(() => q.Forward(tape, q.StepSize));
        Assert.Throws<NotSupportedException>(() => q.ForwardSparseRows(tape, null!, q.StepSize));
    }

    [Fact]
    public void BucketRuleNeedsThreeGroups() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighborQuantizer("q", 2, NearestNeighborSelection.InDegreeBuckets, 4f, new StepSizeInit(0.01f, 0.1f)));
}
