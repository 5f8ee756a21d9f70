namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Readout over the graphs of a mini-batch. The nodes of graph g are the contiguous rows
    /// [graphPointers[g], graphPointers[g+1]), as the block-diagonal batcher lays them out. Max routes the
    /// gradient to the first row that attains the maximum; an empty graph reads out zeros.
    /// </summary>
    public static Variable GlobalPool(Variable x, int[] graphPointers, PoolingMode mode)
    {
        int graphs = graphPointers.Length - 1;
        if (graphs < 0 || graphPointers[0] != 0 || graphPointers[graphs] != x.Rows)
        {
            throw new ArgumentException($"GlobalPool: graph pointers must run from 0 to the {x.Rows} rows of x");
        }

        var tape = Tape.Of(x);
        int f = x.Columns;
        var y = tape.Allocate(graphs, f, clear: true);
        int[]? argMax = mode == PoolingMode.Max ? new int[graphs * f] : null;
        for (int g = 0; g < graphs; g++)
        {
            int start = graphPointers[g], end = graphPointers[g + 1];
            if (end < start)
            {
                throw new ArgumentException($"GlobalPool: graph pointers decrease at graph {g}");
            }

            var yr = y.Row(g);
            if (end == start)
            {
                continue;
            }

            if (mode == PoolingMode.Max)
            {
                x.Value.Row(start).CopyTo(yr);
                for (int j = 0; j < f; j++)
                {
                    argMax![(g * f) + j] = start;
                }

                for (int i = start + 1; i < end; i++)
                {
                    var xr = x.Value.Row(i);
                    for (int j = 0; j < f; j++)
                    {
                        if (xr[j] > yr[j])
                        {
                            yr[j] = xr[j];
                            argMax![(g * f) + j] = i;
                        }
                    }
                }
            }
            else
            {
                for (int i = start; i < end; i++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(yr, x.Value.Row(i), yr);
                }

                if (mode == PoolingMode.Mean)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(yr, 1f / (end - start), yr);
                }
            }
        }

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var gx = tape.GradOf(x);
            for (int g = 0; g < graphs; g++)
            {
                int start = graphPointers[g], end = graphPointers[g + 1];
                var gr = gy.Row(g);
                if (mode == PoolingMode.Max)
                {
                    for (int j = 0; j < f; j++)
                    {
                        if (end > start)
                        {
                            gx[argMax![(g * f) + j], j] += gr[j];
                        }
                    }

                    continue;
                }

                float scale = mode == PoolingMode.Mean && end > start ? 1f / (end - start) : 1f;
                for (int i = start; i < end; i++)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gr, scale, gx.Row(i), gx.Row(i));
                }
            }
        });
        return result;
    }
}
