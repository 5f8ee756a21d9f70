using System.Numerics.Tensors;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Softmax over each node's incoming edges, separately per head (GAT's α_ij = softmax_j e_ij). Rows of
    /// the CSR-by-target pattern are exactly these segments, so each segment is one contiguous run of edges
    /// and the heads of an edge are one contiguous run of floats: the max shift and the normalisation work
    /// on all heads at once, and the exponentials run as one vector pass over the chunk.
    /// </summary>
    public static Variable EdgeSoftmax(CsrPattern edges, Variable scores)
    {
        if (scores.Rows != edges.NonZeros)
        {
            throw new ArgumentException($"EdgeSoftmax: {scores.Rows} score rows for {edges.NonZeros} edges");
        }

        var tape = Tape.Of(scores);
        int heads = scores.Columns;
        var alpha = tape.Allocate(scores.Rows, heads, clear: false);
        var e = scores.Value.Buffer;
        var a = alpha.Buffer;
        var rowPointers = edges.RowPointers;
        tape.Compute.For(edges.Rows, 512, 16L * heads, (start, end) =>
        {
            Span<float> shift = stackalloc float[heads];
            for (int i = start; i < end; i++)
            {
                int begin = rowPointers[i], stop = rowPointers[i + 1];
                if (begin == stop)
                {
                    continue;
                }

                e.AsSpan(begin * heads, heads).CopyTo(shift);
                for (int p = begin + 1; p < stop; p++)
                {
                    TensorPrimitives.Max(shift, e.AsSpan(p * heads, heads), shift);
                }

                for (int p = begin; p < stop; p++)
                {
                    TensorPrimitives.Subtract(e.AsSpan(p * heads, heads), shift, a.AsSpan(p * heads, heads));
                }
            }

            int first = rowPointers[start] * heads, last = rowPointers[end] * heads;
            TensorPrimitives.Exp(a.AsSpan(first, last - first), a.AsSpan(first, last - first));
            Span<float> sum = stackalloc float[heads];
            for (int i = start; i < end; i++)
            {
                int begin = rowPointers[i], stop = rowPointers[i + 1];
                sum.Clear();
                for (int p = begin; p < stop; p++)
                {
                    TensorPrimitives.Add(sum, a.AsSpan(p * heads, heads), sum);
                }

                TensorPrimitives.Reciprocal(sum, sum);
                for (int p = begin; p < stop; p++)
                {
                    TensorPrimitives.Multiply(a.AsSpan(p * heads, heads), sum, a.AsSpan(p * heads, heads));
                }
            }
        });
        var result = tape.Result(alpha, scores);
        tape.Record(result, ga =>
        {
            var g = tape.GradOf(scores).Buffer;
            var gab = ga.Buffer;
            tape.Compute.For(edges.Rows, 512, 16L * heads, (start, end) =>
            {
                // de = α ⊙ (dα − Σ_segment dα ⊙ α), per head.
                Span<float> dot = stackalloc float[heads];
                Span<float> centered = stackalloc float[heads];
                for (int i = start; i < end; i++)
                {
                    int begin = rowPointers[i], stop = rowPointers[i + 1];
                    dot.Clear();
                    for (int p = begin; p < stop; p++)
                    {
                        TensorPrimitives.MultiplyAdd(gab.AsSpan(p * heads, heads), a.AsSpan(p * heads, heads), dot, dot);
                    }

                    for (int p = begin; p < stop; p++)
                    {
                        var gp = g.AsSpan(p * heads, heads);
                        TensorPrimitives.Subtract(gab.AsSpan(p * heads, heads), dot, centered);
                        TensorPrimitives.MultiplyAdd(a.AsSpan(p * heads, heads), centered, gp, gp);
                    }
                }
            });
        });
        return result;
    }
}
