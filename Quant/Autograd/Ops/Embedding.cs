using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Row lookup (PyTorch's nn.Embedding): y_i = table[indices_i]. The backward adds each output row's
    /// gradient into the table row it came from, serially in row order so the sum does not depend on threads.
    /// </summary>
    /// <param name="tape">the tape of the forward (the table is a parameter and lives on none)</param>
    /// <param name="table">types × width</param>
    public static Variable Embedding(Tape tape, Variable table, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int types = table.Rows, width = table.Columns;
        var y = tape.Allocate(indices.Length, width, clear: false);
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)types)
            {
                throw new ArgumentException($"Embedding: row {i} asks for type {k}, outside the table's [0, {types})");
            }

            table.Value.Row(k).CopyTo(y.Row(i));
        }

        var result = tape.Result(y, table);
        tape.Record(result, gy =>
        {
            if (!table.RequiresGrad)
            {
                return;
            }

            var g = tape.GradOf(table);
            for (int i = 0; i < indices.Length; i++)
            {
                var row = g.Row(indices[i]);
                System.Numerics.Tensors.TensorPrimitives.Add(row, gy.Row(i), row);
            }
        });
        return result;
    }
}
