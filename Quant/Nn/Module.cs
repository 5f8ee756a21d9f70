using A2Q.Quant.Autograd;

namespace A2Q.Quant.Nn;

/// <summary>
/// A building block with parameters and children, in PyTorch's shape: parameters are created as members
/// in the constructor, <see cref="ResetParameters"/> (re)initialises them, <see cref="Train"/> /
/// <see cref="Eval"/> switch dropout and batch statistics for the whole subtree.
/// </summary>
public abstract class Module
{
    private readonly List<Parameter> parameters = new();
    private readonly List<Module> children = new();

    public bool Training { get; private set; } = true;

    /// <summary>Every parameter of this module and its children, in registration order.</summary>
    public IEnumerable<Parameter> Parameters()
    {
        foreach (var p in parameters)
        {
            yield return p;
        }

        foreach (var child in children)
        {
            foreach (var p in child.Parameters())
            {
                yield return p;
            }
        }
    }

    /// <summary>This module and all its descendants, depth first (PyTorch's modules()).</summary>
    public IEnumerable<Module> Modules()
    {
        yield return this;
        foreach (var child in children)
        {
            foreach (var m in child.Modules())
            {
                yield return m;
            }
        }
    }

    public void Train(bool training = true)
    {
        Training = training;
        foreach (var child in children)
        {
            child.Train(training);
        }
    }

    public void Eval() => Train(false);

    /// <summary>Re-initialises this module's own parameters, then its children's.</summary>
    public void ResetParameters(Tensors.SeededRandom random)
    {
        ResetOwnParameters(random);
        foreach (var child in children)
        {
            child.ResetParameters(random);
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    protected virtual void ResetOwnParameters(Tensors.SeededRandom random)
    {
    }

    protected Parameter AddParameter(Parameter parameter)
    {
        parameters.Add(parameter);
        return parameter;
    }

    protected T AddModule<T>(T module)
        where T : Module
    {
        children.Add(module);
        return module;
    }
}
