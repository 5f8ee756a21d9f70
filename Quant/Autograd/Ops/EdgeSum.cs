using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// The sum of each node's incoming messages: out[i] = Σ_{p ∈ in(i)} m[p], with one message row per edge of the
    /// CSR-by-target pattern, added in CSR order. Gradient: dm[p] = dOut[row(p)].
    /// </summary>
    public static Variable EdgeSum(CsrPattern edges, Variable messages)
    {
        if (messages.Rows != edges.NonZeros)
        {
            throw new ArgumentException($"EdgeSum: {messages.Rows} message rows for {edges.NonZeros} edges");
        }

        var tape = Tape.Of(messages);
        int width = messages.Columns;
        var output = tape.Allocate(edges.Rows, width, clear: true);
        var mb = messages.Value.Buffer;
        var ob = output.Buffer;
        var rowPointers = edges.RowPointers;
        long work = 2L * width;
        tape.Compute.For(edges.Rows, 256, work, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var outRow = ob.AsSpan(i * width, width);
                for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(outRow, mb.AsSpan(p * width, width), outRow);
                }
            }
        });
        var result = tape.Result(output, messages);
        tape.Record(result, gOut =>
        {
            if (!messages.RequiresGrad)
            {
                return;
            }

            var gb = gOut.Buffer;
            var gm = tape.GradOf(messages).Buffer;
            tape.Compute.For(edges.Rows, 256, work, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var gRow = gb.AsSpan(i * width, width);
                    for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                    {
                        var target = gm.AsSpan(p * width, width);
                        System.Numerics.Tensors.TensorPrimitives.Add(target, gRow, target);
                    }
                }
            });
        });
        return result;
    }
}
