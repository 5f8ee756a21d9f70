using A2Q.Quant.Quantization;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class NearestNeighborBitAccumulatorTests
{
    // Group bits round(|b|) = [5, 3, 4] → counted bits 4, 2, 3.
    private static readonly int[] GroupBits = [5, 3, 4];

    private static NearestNeighborAssignment Batch(params int[] groups) => new(groups, groups.Distinct().Order().ToArray(), GroupBits, 8);

    [Fact]
    public void LayersPoolRowsAcrossBatchesThenAverageUnweighted()
    {
        var accumulator = new NearestNeighborBitAccumulator();
        accumulator.Add("conv1", Batch(0, 1));       // 4 + 2
        accumulator.Add("conv2", Batch(2));          // 3
        accumulator.Add("conv1", Batch(1, 1, 1, 2)); // 2 + 2 + 2 + 3

        var layers = accumulator.Layers();
        Assert.Equal(new[] { "conv1", "conv2" }, layers.Select(l => l.Layer));
        Assert.Equal(15.0 / 6.0, layers[0].AverageBits, 12);
        Assert.Equal(6, layers[0].Rows);
        Assert.Equal(3.0, layers[1].AverageBits, 12);
        Assert.Equal(((15.0 / 6.0) + 3.0) / 2.0, accumulator.AverageBits(), 12);
    }

    [Fact]
    public void NothingAddedMeansNoAverage() => Assert.True(double.IsNaN(new NearestNeighborBitAccumulator().AverageBits()));

    [Fact]
    public void AssignmentBitsFollowTheAuthorsCount()
    {
        var assignment = NearestNeighborAssignment.Of([2, 0, 2], [4.6f, -2.5f, 3.5f], 16);
        Assert.Equal(new[] { 5, 2, 4 }, assignment.GroupIntegerBits); // half to even: 2.5 → 2, 3.5 → 4
        Assert.Equal(new[] { 0, 2 }, assignment.UsedGroups);
        Assert.Equal((3 + 4 + 3) / 3.0, assignment.AverageBits, 12);
        Assert.True(double.IsNaN(NearestNeighborAssignment.Of([], [4f], 16).AverageBits));
    }
}
