namespace A2Q.Quant.Tensors;

/// <summary>
/// A CSR matrix: a shared <see cref="CsrPattern"/> plus one value per stored entry. The transpose is
/// the pattern's, built once and cached, because every sparse-dense product needs it for its backward pass.
/// </summary>
public sealed class SparseMatrix
{
    public SparseMatrix(CsrPattern pattern, float[] values)
    {
        if (values.Length != pattern.NonZeros)
        {
            throw new ArgumentException($"{values.Length} values for a pattern with {pattern.NonZeros} stored entries", nameof(values));
        }

        Pattern = pattern;
        Values = values;
    }

    private SparseMatrix? transposedMatrix;

    public CsrPattern Pattern { get; }

    public float[] Values { get; }

    public int Rows => Pattern.Rows;

    public int Columns => Pattern.Columns;

    public int NonZeros => Pattern.NonZeros;

    /// <summary>Same pattern (and so the same cached transpose), new values.</summary>
    public SparseMatrix WithValues(float[] values) => new(Pattern, values);

    /// <summary>
    /// The transpose with values, built on first use and kept (values never change in place: new values
    /// make a new matrix). A constant operator such as a normalised adjacency pays for it once per run.
    /// </summary>
    public SparseMatrix Transposed => transposedMatrix ??= Transpose();

    public SparseMatrix Transpose()
    {
        var (pattern, permutation) = Pattern.Transposed;
        var values = new float[NonZeros];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = Values[permutation[k]];
        }

        return new SparseMatrix(pattern, values);
    }

    public Tensor ToDense()
    {
        var dense = new Tensor(Rows, Columns);
        for (int i = 0; i < Rows; i++)
        {
            for (int p = Pattern.RowPointers[i]; p < Pattern.RowPointers[i + 1]; p++)
            {
                dense[i, Pattern.ColumnIndices[p]] += Values[p];
            }
        }

        return dense;
    }

    public static SparseMatrix FromDense(Tensor dense)
    {
        var rowPointers = new int[dense.Rows + 1];
        var cols = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < dense.Rows; i++)
        {
            var row = dense.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] != 0f)
                {
                    cols.Add(j);
                    values.Add(row[j]);
                }
            }

            rowPointers[i + 1] = cols.Count;
        }

        return new SparseMatrix(new CsrPattern(dense.Rows, dense.Columns, rowPointers, cols.ToArray()), values.ToArray());
    }
}
