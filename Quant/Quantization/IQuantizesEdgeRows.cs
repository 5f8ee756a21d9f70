using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// A quantizer whose rows are edges and whose behaviour depends on each edge's target node (Degree-Quant's
/// protective mask on GAT's edge logits). In mini-batches of graphs the edges change with every batch, so the layer
/// hands over the batch's edge pattern before quantizing.
/// </summary>
public interface IQuantizesEdgeRows
{
    /// <summary>The CSR-by-target edge pattern whose nonzeros, in order, are the rows of the next tensor.</summary>
    void UseEdges(CsrPattern edges);
}
