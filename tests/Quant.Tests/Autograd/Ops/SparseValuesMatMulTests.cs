using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class SparseValuesMatMulTests
{
    private static readonly CsrPattern Pattern = SparseMatrix.FromDense(Tensor.FromRows(new float[,]
    {
        { 1, 0, 1, 0 },
        { 0, 0, 0, 0 },
        { 1, 1, 0, 1 },
    })).Pattern;

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    public void GradientMatchesFiniteDifferencesForValuesAndWeights(int outputs) =>
        GradientCheck.Assert(
            v => Functional.SparseValuesMatMul(v[0].Tape!, Pattern, v[0], v[1]),
            GradientCheck.Random(1, Pattern.NonZeros, 60),
            GradientCheck.Random(4, outputs, 61));

    [Fact]
    public void SixteenWideValueGradientsUseTheBatchedPathForLongRows()
    {
        // One row with 19 stored entries: two batches of eight plus three single dots.
        var dense = new Tensor(1, 40);
        for (int j = 0; j < 19; j++)
        {
            dense[0, 2 * j] = 1f;
        }

        var pattern = SparseMatrix.FromDense(dense).Pattern;
        GradientCheck.Assert(v => Functional.SparseValuesMatMul(v[0].Tape!, pattern, v[0], v[1]), GradientCheck.Random(1, 19, 62), GradientCheck.Random(40, 16, 63));
    }
}
