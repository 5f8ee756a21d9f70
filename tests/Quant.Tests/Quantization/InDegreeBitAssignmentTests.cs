using A2Q.Quant.Quantization;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class InDegreeBitAssignmentTests
{
    // in-degrees by node:      0  1  2  3  4  5
    private static readonly int[] InDegrees = [1, 5, 3, 3, 0, 2];

    [Fact]
    public void TheTopHalfByInDegreeGetsTheHighBits()
    {
        // ranked: node 1 (5), 2 (3), 3 (3), 5 (2), 0 (1), 4 (0); the first 3 of 6 are high
        var assignment = new InDegreeBitAssignment { HighBits = 5, LowBits = 3, HighFraction = 0.5 };

        Assert.Equal(new[] { 3, 5, 5, 5, 3, 3 }, assignment.Assign(InDegrees));
        Assert.Equal(4.0, assignment.AverageBits(InDegrees));
    }

    [Fact]
    public void ATieAtTheCutGoesToTheLowerNodeIndex()
    {
        // 1/3 of 6 = 2 high nodes: node 1, then node 2 before node 3 (both in-degree 3)
        var assignment = new InDegreeBitAssignment { HighBits = 2, LowBits = 1, HighFraction = 1.0 / 3 };

        Assert.Equal(new[] { 1, 2, 2, 1, 1, 1 }, assignment.Assign(InDegrees));
    }

    [Fact]
    public void TheHighCountIsTheFractionRoundedToWholeNodes()
    {
        // A.6.1's example: a 2.2-bit average is 20% at 3 bits, 80% at 2; 0.73 of Cora's 2708 nodes is 1976.84 → 1977
        var example = new InDegreeBitAssignment { HighBits = 3, LowBits = 2, HighFraction = 0.2 };
        Assert.Equal(2.2, example.AverageBits(Enumerable.Range(0, 10).ToArray()), 12);

        var cora = new InDegreeBitAssignment { HighBits = 2, LowBits = 1, HighFraction = 0.73 };
        Assert.Equal(1977, cora.Assign(new int[2708]).Count(b => b == 2));
    }

    [Theory]
    [InlineData(5, 3, 1.5)]
    [InlineData(5, 3, -0.1)]
    [InlineData(3, 5, 0.5)]
    [InlineData(2, 0, 0.5)]
    public void OutOfRangeSettingsAreRejected(int high, int low, double fraction)
    {
        var assignment = new InDegreeBitAssignment { HighBits = high, LowBits = low, HighFraction = fraction };

        Assert.Throws<ArgumentException>(() => assignment.Assign(InDegrees));
    }
}
