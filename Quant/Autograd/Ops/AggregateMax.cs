using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Max aggregation: out[i, c] = max over i's in-neighbours j of x[j, c] (rows of the CSR-by-target pattern);
    /// a node without in-neighbours gets zeros. The gradient goes to the first neighbour attaining the maximum.
    /// </summary>
    public static Variable AggregateMax(CsrPattern edges, Variable x)
    {
        if (edges.Columns != x.Rows)
        {
            throw new ArgumentException($"AggregateMax: a pattern over {edges.Columns} nodes cannot aggregate {x.Rows} rows");
        }

        var tape = Tape.Of(x);
        int n = edges.Rows, f = x.Columns;
        var y = tape.Allocate(n, f, clear: true);
        var argMax = new int[n * f];
        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        var rowPointers = edges.RowPointers;
        var cols = edges.ColumnIndices;
        tape.Compute.For(n, 256, 8L * f, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                int begin = rowPointers[i], stop = rowPointers[i + 1];
                if (begin == stop)
                {
                    argMax.AsSpan(i * f, f).Fill(-1);
                    continue;
                }

                int first = cols[begin];
                xs.AsSpan(first * f, f).CopyTo(ys.AsSpan(i * f, f));
                argMax.AsSpan(i * f, f).Fill(first);
                for (int p = begin + 1; p < stop; p++)
                {
                    int j = cols[p];
                    for (int c = 0; c < f; c++)
                    {
                        float v = xs[(j * f) + c];
                        if (v > ys[(i * f) + c])
                        {
                            ys[(i * f) + c] = v;
                            argMax[(i * f) + c] = j;
                        }
                    }
                }
            }
        });
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            // Sequential: several targets may route to the same source row.
            var g = tape.GradOf(x).Buffer;
            var gys = gy.Buffer;
            for (int e = 0; e < argMax.Length; e++)
            {
                if (argMax[e] >= 0)
                {
                    g[(argMax[e] * f) + (e % f)] += gys[e];
                }
            }
        });
        return result;
    }
}
