namespace A2Q.Simulator.Nns;

/// <summary>
/// Table 6 (paper A.4): the fixed-point operations of a quantized graph-level model and the float operations the
/// Nearest Neighbor Strategy adds, for a batch of graphs. Fixed point: a multiply and an add per MAC of every
/// linear map, the adds (and GCN's normalising multiplies) of aggregation and pooling. Float: the one extra
/// element-wise multiply A.4 names for each element entering an NNS quantizer (the search itself overlaps in
/// the comparator array).
/// </summary>
public static class NnsOperationCount
{
    public static OperationCount Count(GraphModelShape shape, double nodes, double edges, double graphs)
    {
        if (nodes < 0 || edges < 0 || graphs < 0)
        {
            throw new ArgumentException($"{shape.Task}: node, edge and graph counts must not be negative");
        }

        double fixedPoint = 0, floatingPoint = 0;
        foreach (var step in shape.Steps)
        {
            double rows = step.Kind switch
            {
                GraphStepKind.NodeLinear or GraphStepKind.MeanPool => nodes,
                GraphStepKind.GraphLinear => graphs,
                _ => edges,
            };
            fixedPoint += step.Kind switch
            {
                GraphStepKind.NodeLinear or GraphStepKind.GraphLinear => 2.0 * step.InFeatures * step.OutFeatures * rows,
                GraphStepKind.WeightedAggregation => 2.0 * step.OutFeatures * rows,
                _ => (double)step.OutFeatures * rows,
            };
            if (step.NnsInput)
            {
                floatingPoint += (double)step.InFeatures * rows;
            }
        }

        return new OperationCount(fixedPoint, floatingPoint);
    }
}
