using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

/// <summary>
/// A tensor in the computation graph. Intermediates belong to the <see cref="Autograd.Tape"/> that made
/// them (their value and gradient buffers go back to the run's pool when the tape is disposed);
/// parameters outlive every tape and keep their own gradient buffer.
/// </summary>
public class Variable
{
    internal Variable(Tensor value, bool requiresGrad, Tape? tape)
    {
        Value = value;
        RequiresGrad = requiresGrad;
        Tape = tape;
    }

    public Tensor Value { get; }

    /// <summary>The accumulated gradient; null until something flows back into this variable.</summary>
    public Tensor? Grad { get; internal set; }

    public bool RequiresGrad { get; }

    public int Rows => Value.Rows;

    public int Columns => Value.Columns;

    internal Tape? Tape { get; }

    public override string ToString() => $"Variable[{Rows}x{Columns}]";
}
