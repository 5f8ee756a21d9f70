using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

/// <summary>A trainable tensor with a name (for reports and checkpoints) and a typed role.</summary>
public sealed class Parameter : Variable
{
    public Parameter(string name, ParameterRole role, Tensor value)
        : base(value, requiresGrad: true, tape: null)
    {
        Name = name;
        Role = role;
        Grad = new Tensor(value.Rows, value.Columns);
    }

    public string Name { get; }

    public ParameterRole Role { get; }

    /// <summary>The gradient buffer, allocated once with the parameter.</summary>
    public Tensor Gradient => Grad!;

    public void ZeroGrad() => Gradient.Span.Clear();

    public override string ToString() => $"{Name} ({Role}) [{Rows}x{Columns}]";
}
