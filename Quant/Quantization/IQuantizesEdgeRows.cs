using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// A quantizer whose rows are edges and whose behaviour depends on each edge's source node (Degree-Quant's
/// protective mask on messages and GAT's edge logits). The layer hands over the edge pattern before quantizing,
/// since in mini-batches of graphs the edges change with every batch.
/// </summary>
public interface IQuantizesEdgeRows
{
    /// <summary>The CSR-by-target edge pattern whose nonzeros, in order, are the rows of the next tensor.</summary>
    void UseEdges(CsrPattern edges);
}
