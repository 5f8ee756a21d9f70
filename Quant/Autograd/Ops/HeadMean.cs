namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Averages the heads laid side by side in each row: N × H·C → N × C (GAT with concat = false).</summary>
    public static Variable HeadMean(Variable x, int heads)
    {
        if (heads < 1 || x.Columns % heads != 0)
        {
            throw new ArgumentException($"HeadMean: {x.Columns} columns cannot be split into {heads} heads");
        }

        if (heads == 1)
        {
            return x;
        }

        var tape = Tape.Of(x);
        int c = x.Columns / heads;
        var y = tape.Allocate(x.Rows, c, clear: true);
        float scale = 1f / heads;
        for (int i = 0; i < x.Rows; i++)
        {
            var xr = x.Value.Row(i);
            var yr = y.Row(i);
            for (int h = 0; h < heads; h++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(xr.Slice(h * c, c), scale, yr, yr);
            }
        }

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var gx = tape.GradOf(x);
            for (int i = 0; i < x.Rows; i++)
            {
                var gr = gx.Row(i);
                var gyr = gy.Row(i);
                for (int h = 0; h < heads; h++)
                {
                    var slice = gr.Slice(h * c, c);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gyr, scale, slice, slice);
                }
            }
        });
        return result;
    }
}
