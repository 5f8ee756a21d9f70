using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class OuterProductAccumulatorTests
{
    [Theory]
    [InlineData(37, 64, 64)]
    [InlineData(300, 6, 145)]    // rows past the last 4-block; columns past the last 64-block, then past the last 16
    [InlineData(130, 9, 110)]    // two 16-column blocks after the 64-block, then 14 columns
    [InlineData(5, 3, 7)]
    [InlineData(40, 6, 64)]      // every column blocked: only rows 4 and 5 of P are left to the rank-1 form
    [InlineData(40, 7, 32)]
    [InlineData(70, 145, 145)]   // ZINC: one column past the 16-blocks for 144 rows of P (64 + 64 + 16), and row 144
    [InlineData(33, 92, 33)]     // 92 rows of P in the left-over column: 64, then 16, then 12 one by one
    [InlineData(25, 7, 16)]      // 7 classes against 16 inputs: rows 4-6 of P across one 16-block
    [InlineData(19, 3, 83)]      // no blocked row: three left-over rows across 64 + 16 + 3 columns
    public void BlockedSumsAreBitIdenticalToRowByRowRankOneUpdates(int rows, int scalarWidth, int vectorWidth)
    {
        var random = new SeededRandom(9);
        var a = Enumerable.Range(0, rows * scalarWidth).Select(_ => random.Uniform(-2f, 2f)).ToArray();
        var b = Enumerable.Range(0, rows * vectorWidth).Select(_ => random.Uniform(-2f, 2f)).ToArray();
        var start = Enumerable.Range(0, scalarWidth * vectorWidth).Select(_ => random.Uniform(-1f, 1f)).ToArray();

        var blocked = (float[])start.Clone();
        OuterProductAccumulator.Accumulate(a, scalarWidth, b, vectorWidth, rows, blocked);

        var reference = (float[])start.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int p = 0; p < scalarWidth; p++)
            {
                for (int j = 0; j < vectorWidth; j++)
                {
                    int at = (p * vectorWidth) + j;
                    reference[at] = MathF.FusedMultiplyAdd(a[(i * scalarWidth) + p], b[(i * vectorWidth) + j], reference[at]);
                }
            }
        }

        Assert.Equal(reference, blocked);
    }
}
