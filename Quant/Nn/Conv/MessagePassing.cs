using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// PyG's message-passing shape: aggregate the neighbours (message + scatter by target, fused here into
/// one sparse product over the CSR-by-target operator), then update each node from the aggregate and its
/// own features. Subclasses override what differs.
/// </summary>
public abstract class MessagePassing : Module
{
    public abstract int InFeatures { get; }

    public abstract int OutFeatures { get; }

    /// <summary>One layer on dense node features.</summary>
    public virtual Variable Forward(Variable x, GraphInput graph) => Update(Aggregate(x, graph), x);

    /// <summary>One layer on a constant sparse input (the first layer on bag-of-words features).</summary>
    public abstract Variable Forward(Tape tape, SparseMatrix x, GraphInput graph);

    /// <summary>Default aggregation: the sum over incoming edges.</summary>
    protected virtual Variable Aggregate(Variable x, GraphInput graph) => Functional.Aggregate(graph.Sum, x, unitWeights: true);

    protected abstract Variable Update(Variable aggregate, Variable x);
}
