namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Concatenates along columns: [A | B | …], all with the same number of rows.</summary>
    public static Variable Concat(IReadOnlyList<Variable> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("Concat: nothing to concatenate");
        }

        int rows = parts[0].Rows;
        int columns = 0;
        Tape? tape = null;
        foreach (var p in parts)
        {
            if (p.Rows != rows)
            {
                throw new ArgumentException($"Concat: row counts differ ({rows} and {p.Rows})");
            }

            columns += p.Columns;
            tape ??= p.Tape;
        }

        if (tape is null)
        {
            throw new InvalidOperationException("an op needs at least one input that lives on a tape (use tape.Constant for inputs)");
        }

        var y = tape.Allocate(rows, columns, clear: false);
        for (int i = 0; i < rows; i++)
        {
            int offset = 0;
            var yr = y.Row(i);
            foreach (var p in parts)
            {
                p.Value.Row(i).CopyTo(yr.Slice(offset));
                offset += p.Columns;
            }
        }

        var result = tape.Result(y, parts);
        tape.Record(result, gy =>
        {
            int offset = 0;
            foreach (var p in parts)
            {
                if (p.RequiresGrad)
                {
                    var g = tape.GradOf(p);
                    for (int i = 0; i < rows; i++)
                    {
                        var gr = g.Row(i);
                        System.Numerics.Tensors.TensorPrimitives.Add(gr, gy.Row(i).Slice(offset, p.Columns), gr);
                    }
                }

                offset += p.Columns;
            }
        });
        return result;
    }
}
