using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Nn.Conv;

/// <summary>GIN with sum, mean and max aggregation (Table 15): the sparse first-layer path equals a dense reference.</summary>
public class GinAggregationTests
{
    [Theory]
    [InlineData(GinAggregation.Sum)]
    [InlineData(GinAggregation.Mean)]
    [InlineData(GinAggregation.Max)]
    public void SparseAndDenseInputsGiveTheReferenceOutput(GinAggregation aggregation)
    {
        var graph = TestGraphs.SmallInput();
        var dense = Tensor.FromRows(new float[,]
        {
            { 1, 0, 2, 0 },
            { 0, 3, 0, 0 },
            { 0, 0, 0, 5 },
            { 4, 0, 1, 0 },
            { 0, -2, 0, 1 },
        });
        var layer = new GinConv("gin", new Mlp("gin.nn", [4, 3], reluAfterLast: false), trainEpsilon: true, aggregation: aggregation);
        layer.ResetParameters(new SeededRandom(2));
        layer.Epsilon.Value.Span[0] = 0.25f;

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var fromSparse = layer.Forward(tape, SparseMatrix.FromDense(dense), graph).Value;
        var fromDense = layer.Forward(tape.Constant(dense), graph).Value;

        var g = TestGraphs.Small();
        var mlp = (Linear)layer.Modules().OfType<Mlp>().Single().First;
        for (int i = 0; i < 5; i++)
        {
            var sources = Enumerable.Range(0, g.EdgeCount).Where(e => g.Targets[e] == i).Select(e => g.Sources[e]).ToList();
            var combined = new double[4];
            for (int c = 0; c < 4; c++)
            {
                var values = sources.Select(j => (double)dense[j, c]).ToList();
                double aggregate = values.Count == 0 ? 0 : aggregation switch
                {
                    GinAggregation.Sum => values.Sum(),
                    GinAggregation.Mean => values.Average(),
                    _ => values.Max(),
                };
                combined[c] = aggregate + (1.25 * dense[i, c]);
            }

            for (int o = 0; o < 3; o++)
            {
                double expected = mlp.Bias!.Value[0, o];
                for (int c = 0; c < 4; c++)
                {
                    expected += combined[c] * mlp.Weight.Value[c, o];
                }

                Assert.Equal(expected, fromDense[i, o], 4);
                Assert.Equal(expected, fromSparse[i, o], 4);
            }
        }
    }
}
