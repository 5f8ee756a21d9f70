using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Y = X · W + b for dense X (m×k), W (k×n) and a 1×n bias: the values of <see cref="MatMul"/> followed by
    /// <see cref="AddBias"/>, but the bias is added inside the product and the backward hands dY straight to the
    /// product's gradients. On a mini-batch of graphs that saves a pass over Y forward and a zeroed gradient plus a
    /// pass backward, per linear layer.
    /// </summary>
    public static Variable Affine(Variable x, Variable weight, Variable bias)
    {
        if (bias.Rows != 1 || bias.Columns != weight.Columns)
        {
            throw new ArgumentException($"Affine: bias must be 1x{weight.Columns}, got {bias.Rows}x{bias.Columns}");
        }

        var tape = Tape.Of(x, weight);
        var ctx = tape.Compute;
        var y = tape.Allocate(x.Rows, weight.Columns, clear: false);
        Gemm.Multiply(ctx, x.Value, weight.Value, y, accumulate: false, bias.Value.Buffer);
        var result = tape.Result(y, new[] { x, weight, bias });
        tape.Record(result, gy =>
        {
            if (bias.RequiresGrad)
            {
                ColumnSums(tape, gy, tape.GradOf(bias).Span);
            }

            if (x.RequiresGrad)
            {
                // A first gradient is written, not added to zeros: a product's FMA chains start at +0 and so never end at −0,
                // and +0 + chain is the chain itself.
                var gx = tape.GradForAccumulation(x, out bool fresh);
                Gemm.MultiplyTransposeB(ctx, gy, weight.Value, gx, accumulate: !fresh);
            }

            if (weight.RequiresGrad)
            {
                Gemm.MultiplyTransposeA(ctx, x.Value, gy, tape.GradOf(weight), accumulate: true);
            }
        });
        return result;
    }
}
