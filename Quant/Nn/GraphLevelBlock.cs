using A2Q.Quant.Autograd;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;

namespace A2Q.Quant.Nn;

/// <summary>
/// One message-passing layer of a graph-level model with what follows it: conv → [BatchNorm] → [ReLU] →
/// [+ the layer's input] → [output quantizer]. The GIN of REDDIT-BINARY uses conv → BatchNorm (its MLP ends in
/// ReLU); the authors' GCN for ZINC and MNIST uses conv → BatchNorm → ReLU → residual; Degree-Quant quantizes the
/// layer's output ("update") last.
/// </summary>
public sealed class GraphLevelBlock : Module
{
    public GraphLevelBlock(MessagePassing conv, BatchNorm1d? normalization, bool relu, bool residual, ITensorQuantizer? outputQuantizer = null)
    {
        Conv = AddModule(conv);
        Normalization = normalization is null ? null : AddModule(normalization);
        Relu = relu;
        Residual = residual;
        OutputQuantizer = outputQuantizer;
        if (outputQuantizer is not null)
        {
            AddModule((Module)outputQuantizer);
        }
    }

    public MessagePassing Conv { get; }

    public BatchNorm1d? Normalization { get; }

    public bool Relu { get; }

    public bool Residual { get; }

    public ITensorQuantizer? OutputQuantizer { get; }

    public int OutFeatures => Conv.OutFeatures;

    public Variable Forward(Variable x, GraphInput graph)
    {
        var h = Conv.Forward(x, graph);
        if (Normalization is not null)
        {
            h = Normalization.Forward(h);
        }

        if (Relu)
        {
            h = Functional.Relu(h);
        }

        if (Residual && h.Columns == x.Columns)
        {
            h = Functional.Add(h, x);
        }

        return OutputQuantizer is null ? h : OutputQuantizer.Forward(h);
    }
}
