using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A <c>scipy.sparse.csr_matrix</c> as pickled: NEWOBJ with no arguments, then BUILD with its <c>__dict__</c>
/// (<c>_shape</c>, <c>indptr</c>, <c>indices</c>, <c>data</c>, plus bookkeeping keys that are ignored).
/// </summary>
internal sealed class ScipyCsrMatrix(string source)
{
    private static readonly PickleString FormatKey = PickleString.FromAscii("format");
    private static readonly PickleString ShapeKey = PickleString.FromAscii("_shape");
    private static readonly PickleString RowPointerKey = PickleString.FromAscii("indptr");
    private static readonly PickleString ColumnIndexKey = PickleString.FromAscii("indices");
    private static readonly PickleString ValueKey = PickleString.FromAscii("data");

    private Dictionary<object, object?>? state;

    public string Source { get; } = source;

    public void SetState(Dictionary<object, object?> newState, int buildOffset)
    {
        if (newState.TryGetValue(FormatKey, out object? format) && (format is not PickleString f || f.ToString() != "csr"))
        {
            throw Fail($"the csr_matrix state at byte {buildOffset} has format {PickleReader.Describe(format)}, expected 'csr'");
        }

        foreach (var key in new[] { ShapeKey, RowPointerKey, ColumnIndexKey, ValueKey })
        {
            if (!newState.ContainsKey(key))
            {
                throw Fail($"the csr_matrix state at byte {buildOffset} has no '{key}' entry");
            }
        }

        state = newState;
    }

    /// <summary>
    /// Converts to our CSR type. Rows come out sorted by column with duplicates summed (what scipy's
    /// <c>todense()</c>, and so PyG, would make of them); explicit zeros stay stored, as in the file.
    /// </summary>
    public SparseMatrix ToSparseMatrix()
    {
        if (state is null)
        {
            throw Fail("the csr_matrix was never given its state (no BUILD)");
        }

        if (state[ShapeKey] is not PickleTuple { Count: 2 } shape
            || shape[0] is not long rows || shape[1] is not long columns
            || rows is < 0 or > int.MaxValue || columns is < 0 or > int.MaxValue)
        {
            throw Fail($"the csr_matrix _shape is {PickleReader.Describe(state[ShapeKey])}, expected (rows, columns)");
        }

        int[] rowPointers = Array(RowPointerKey).ToInt32Array("indptr");
        int[] columnIndices = Array(ColumnIndexKey).ToInt32Array("indices");
        float[] values = Array(ValueKey).ToSingleArray("data");

        if (rowPointers.Length != rows + 1)
        {
            throw Fail($"shape mismatch: indptr has {rowPointers.Length} entries but _shape ({rows}, {columns}) needs {rows + 1}");
        }

        if (columnIndices.Length != values.Length)
        {
            throw Fail($"shape mismatch: indices has {columnIndices.Length} entries but data has {values.Length}");
        }

        if (rowPointers[0] != 0 || rowPointers[^1] != columnIndices.Length)
        {
            throw Fail($"indptr runs from {rowPointers[0]} to {rowPointers[^1]}, expected 0 to the {columnIndices.Length} stored entries");
        }

        bool sortedAndUnique = true;
        for (int row = 0; row < rows; row++)
        {
            int start = rowPointers[row], end = rowPointers[row + 1];
            if (end < start)
            {
                throw Fail($"indptr decreases at row {row} ({start} then {end})");
            }

            for (int p = start; p < end; p++)
            {
                int column = columnIndices[p];
                if ((uint)column >= (ulong)columns)
                {
                    throw Fail($"row {row} stores column {column}, outside the {columns} columns of _shape");
                }

                sortedAndUnique &= p == start || columnIndices[p - 1] < column;
            }
        }

        if (!sortedAndUnique)
        {
            (rowPointers, columnIndices, values) = SortAndMergeRows((int)rows, rowPointers, columnIndices, values);
        }

        return new SparseMatrix(new CsrPattern((int)rows, (int)columns, rowPointers, columnIndices), values);
    }

    private static (int[] RowPointers, int[] ColumnIndices, float[] Values) SortAndMergeRows(
        int rows, int[] rowPointers, int[] columnIndices, float[] values)
    {
        var mergedPointers = new int[rows + 1];
        var mergedColumns = new List<int>(columnIndices.Length);
        var mergedValues = new List<float>(values.Length);
        for (int row = 0; row < rows; row++)
        {
            int start = rowPointers[row], length = rowPointers[row + 1] - start;
            var rowColumns = columnIndices.AsSpan(start, length).ToArray();
            var rowValues = values.AsSpan(start, length).ToArray();
            System.Array.Sort(rowColumns, rowValues);
            for (int k = 0; k < length; k++)
            {
                if (k > 0 && rowColumns[k] == rowColumns[k - 1])
                {
                    mergedValues[^1] += rowValues[k];
                    continue;
                }

                mergedColumns.Add(rowColumns[k]);
                mergedValues.Add(rowValues[k]);
            }

            mergedPointers[row + 1] = mergedColumns.Count;
        }

        return (mergedPointers, mergedColumns.ToArray(), mergedValues.ToArray());
    }

    private NumpyArray Array(PickleString key) =>
        state![key] as NumpyArray ?? throw Fail($"the csr_matrix '{key}' entry is {PickleReader.Describe(state[key])}, expected a numpy array");

    private DatasetFormatException Fail(string problem) => new(Source, problem);
}
