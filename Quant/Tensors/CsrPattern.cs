namespace A2Q.Quant.Tensors;

/// <summary>
/// The structure of a compressed-sparse-row matrix: which columns are stored in each row, no values.
/// Graphs use it by target (row i lists the sources of i's incoming edges), so aggregation writes each
/// output row from one task and needs no atomics. Immutable once built.
/// </summary>
public sealed class CsrPattern
{
    public CsrPattern(int rows, int columns, int[] rowPointers, int[] columnIndices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowPointers.Length != rows + 1)
        {
            throw new ArgumentException($"rowPointers has {rowPointers.Length} entries, expected rows + 1 = {rows + 1}", nameof(rowPointers));
        }

        if (rowPointers[0] != 0 || rowPointers[rows] != columnIndices.Length)
        {
            throw new ArgumentException($"rowPointers must start at 0 and end at the number of stored entries ({columnIndices.Length})", nameof(rowPointers));
        }

        for (int i = 0; i < rows; i++)
        {
            if (rowPointers[i + 1] < rowPointers[i])
            {
                throw new ArgumentException($"rowPointers decreases at row {i}", nameof(rowPointers));
            }
        }

        foreach (int c in columnIndices)
        {
            if ((uint)c >= (uint)columns)
            {
                throw new ArgumentException($"column index {c} is outside [0, {columns})", nameof(columnIndices));
            }
        }

        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
    }

    private (CsrPattern Pattern, int[] Permutation)? transposed;

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>
    /// The transpose and its entry map, built on first use and kept: every backward pass through this
    /// pattern needs it, and the pattern never changes.
    /// </summary>
    public (CsrPattern Pattern, int[] Permutation) Transposed
    {
        get
        {
            if (transposed is null)
            {
                var t = Transpose(out var permutation);
                transposed = (t, permutation);
            }

            return transposed.Value;
        }
    }

    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public int NonZeros => ColumnIndices.Length;

    public ReadOnlySpan<int> RowColumns(int row) =>
        ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    public int RowLength(int row) => RowPointers[row + 1] - RowPointers[row];

    /// <summary>
    /// Builds a pattern from coordinate lists. Entries are sorted by (row, column) with a stable order for
    /// duplicates; <paramref name="order"/> maps each stored entry to its position in the input lists.
    /// </summary>
    public static CsrPattern FromCoordinates(int rows, int columns, ReadOnlySpan<int> rowIndex, ReadOnlySpan<int> columnIndex, out int[] order)
    {
        if (rowIndex.Length != columnIndex.Length)
        {
            throw new ArgumentException("row and column index lists differ in length");
        }

        int n = rowIndex.Length;
        var counts = new int[rows + 1];
        for (int k = 0; k < n; k++)
        {
            int r = rowIndex[k];
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentException($"row index {r} at entry {k} is outside [0, {rows})");
            }

            counts[r + 1]++;
        }

        for (int i = 0; i < rows; i++)
        {
            counts[i + 1] += counts[i];
        }

        var rowPointers = (int[])counts.Clone();
        var next = (int[])counts.Clone();
        order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[next[rowIndex[k]]++] = k;
        }

        var cols = new int[n];
        var keys = new int[n];
        for (int i = 0; i < rows; i++)
        {
            int start = rowPointers[i], end = rowPointers[i + 1];
            for (int p = start; p < end; p++)
            {
                keys[p] = columnIndex[order[p]];
            }

            // Stable sort by column inside the row keeps duplicates in input order.
            var span = keys.AsSpan(start, end - start);
            var orderSpan = order.AsSpan(start, end - start);
            StableSortByKey(span, orderSpan);
            span.CopyTo(cols.AsSpan(start));
        }

        return new CsrPattern(rows, columns, rowPointers, cols);
    }

    /// <summary>
    /// The transpose's pattern, and for each of its entries the index of the same entry in this pattern,
    /// so values can be carried across with <c>transposedValues[k] = values[permutation[k]]</c>.
    /// </summary>
    public CsrPattern Transpose(out int[] permutation)
    {
        var counts = new int[Columns + 1];
        foreach (int c in ColumnIndices)
        {
            counts[c + 1]++;
        }

        for (int j = 0; j < Columns; j++)
        {
            counts[j + 1] += counts[j];
        }

        var rowPointers = (int[])counts.Clone();
        var next = counts;
        var cols = new int[NonZeros];
        permutation = new int[NonZeros];

        // Walking rows in order makes each transposed row sorted by its column (= our row).
        for (int i = 0; i < Rows; i++)
        {
            for (int p = RowPointers[i]; p < RowPointers[i + 1]; p++)
            {
                int slot = next[ColumnIndices[p]]++;
                cols[slot] = i;
                permutation[slot] = p;
            }
        }

        return new CsrPattern(Columns, Rows, rowPointers, cols);
    }

    private static void StableSortByKey(Span<int> keys, Span<int> items)
    {
        // Insertion sort: rows are short (node degrees, non-zeros of one bag-of-words row), and it is stable.
        for (int i = 1; i < keys.Length; i++)
        {
            int key = keys[i], item = items[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                items[j + 1] = items[j];
                j--;
            }

            keys[j + 1] = key;
            items[j + 1] = item;
        }
    }
}
