using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EmbeddingTests
{
    [Fact]
    public void RowsAreLookedUpAndRepeatedTypesAccumulateTheirGradients()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var table = new Parameter("t", ParameterRole.Embedding, Tensor.FromArray(3, 2, [1f, 2f, 3f, 4f, 5f, 6f]));

        var y = Functional.Embedding(tape, table, [2, 0, 2]);
        Assert.Equal([5f, 6f, 1f, 2f, 5f, 6f], y.Value.ToArray());

        // Loss = Σ w ⊙ y with w = rows 1..3 of [1 2; 3 4; 5 6]: type 2 collects rows 0 and 2, type 0 row 1, type 1 nothing.
        var weights = tape.Constant(Tensor.FromArray(3, 2, [1f, 2f, 3f, 4f, 5f, 6f]));
        tape.Backward(Functional.Sum(Functional.Multiply(y, weights)));
        Assert.Equal([3f, 4f, 0f, 0f, 6f, 8f], table.Gradient.ToArray());
    }

    [Fact]
    public void ATypeOutsideTheTableIsNamed()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var table = new Parameter("t", ParameterRole.Embedding, new Tensor(3, 2));
        var error = Assert.Throws<ArgumentException>(() => Functional.Embedding(tape, table, [0, 3]));
        Assert.Contains("row 1 asks for type 3", error.Message);
    }
}
