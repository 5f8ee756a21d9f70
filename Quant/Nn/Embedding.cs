using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// A learned vector per integer type (PyTorch's nn.Embedding, initialised N(0, 1) as it is): ZINC's atom types
/// become the first hidden features. The authors leave it unquantized (paper/REPRODUCTION.md §5).
/// </summary>
public sealed class Embedding : Module
{
    public Embedding(string name, int types, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(types);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        Table = AddParameter(new Parameter($"{name}.weight", ParameterRole.Embedding, new Tensor(types, width)));
    }

    public Parameter Table { get; }

    public int Types => Table.Rows;

    public int Width => Table.Columns;

    public Variable Forward(Tape tape, int[] types) => Functional.Embedding(tape, Table, types);

    protected override void ResetOwnParameters(SeededRandom random)
    {
        var s = Table.Value.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)random.NextNormal();
        }
    }
}
