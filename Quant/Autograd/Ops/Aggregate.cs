using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Neighbourhood aggregation Y = A · X with a constant CSR operator A whose row i holds node i's
    /// incoming edges (weights: GCN's D^-1/2 (A+I) D^-1/2, or 1 for sum aggregation). The backward is
    /// Aᵀ · dY, on the operator's cached transpose.
    /// </summary>
    public static Variable Aggregate(SparseMatrix adjacency, Variable x, bool unitWeights = false)
    {
        var tape = Tape.Of(x);
        var ctx = tape.Compute;
        var y = tape.Allocate(adjacency.Rows, x.Columns, clear: false);
        Spmm.Multiply(ctx, adjacency.Pattern, unitWeights ? null : adjacency.Values, x.Value, y, accumulate: false);
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var transposed = adjacency.Transposed;
            Spmm.Multiply(ctx, transposed.Pattern, unitWeights ? null : transposed.Values, gy, tape.GradOf(x), accumulate: true);
        });
        return result;
    }
}
