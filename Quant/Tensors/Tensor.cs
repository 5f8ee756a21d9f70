namespace A2Q.Quant.Tensors;

/// <summary>
/// A dense float32 matrix, row-major. Vectors are 1×n or n×1; the engine needs no higher rank because
/// GNN activations are node×feature (multi-head GAT keeps heads side by side in one row).
/// The buffer may be longer than <see cref="Length"/> when it comes from a <see cref="BufferPool"/>.
/// </summary>
public sealed class Tensor
{
    public Tensor(int rows, int columns)
        : this(rows, columns, new float[checked(rows * columns)])
    {
    }

    public Tensor(int rows, int columns, float[] buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (buffer.Length < (long)rows * columns)
        {
            throw new ArgumentException($"buffer holds {buffer.Length} values, a {rows}x{columns} tensor needs {(long)rows * columns}", nameof(buffer));
        }

        Rows = rows;
        Columns = columns;
        Buffer = buffer;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Length => Rows * Columns;

    /// <summary>The backing array; only the first <see cref="Length"/> values belong to this tensor.</summary>
    public float[] Buffer { get; }

    public Span<float> Span => Buffer.AsSpan(0, Length);

    public float this[int row, int column]
    {
        get => Buffer[(row * Columns) + column];
        set => Buffer[(row * Columns) + column] = value;
    }

    public Span<float> Row(int row) => Buffer.AsSpan(row * Columns, Columns);

    public static Tensor FromRows(float[,] values)
    {
        var t = new Tensor(values.GetLength(0), values.GetLength(1));
        for (int i = 0; i < t.Rows; i++)
        {
            for (int j = 0; j < t.Columns; j++)
            {
                t[i, j] = values[i, j];
            }
        }

        return t;
    }

    public static Tensor FromArray(int rows, int columns, ReadOnlySpan<float> values)
    {
        var t = new Tensor(rows, columns);
        values.CopyTo(t.Span);
        return t;
    }

    public Tensor Clone()
    {
        var t = new Tensor(Rows, Columns);
        Span.CopyTo(t.Span);
        return t;
    }

    public float[] ToArray() => Span.ToArray();

    public bool SameShape(Tensor other) => Rows == other.Rows && Columns == other.Columns;

    public override string ToString() => $"Tensor[{Rows}x{Columns}]";
}
