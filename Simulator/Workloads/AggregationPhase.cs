namespace A2Q.Simulator.Workloads;

/// <summary>
/// X' = Â·B (A.7.5): Â in CSR with empty rows and zeros dropped; a tile of 256 consecutive rows and one column
/// of B per step, each engine walking its row's nonzeros 16 at a time. The edge value is parallel and the
/// gathered feature bit-serial, so a step of row i takes <see cref="RowOperandBits"/>[i] cycles (the widest
/// source feature in the row).
/// </summary>
public sealed record AggregationPhase : Phase
{
    public AggregationPhase(string name, int[] rowLengths, int[] rowOperandBits, int[] sourceBits, int columns, int outputBits)
        : base(name, outputBits)
    {
        ArgumentNullException.ThrowIfNull(rowLengths);
        ArgumentNullException.ThrowIfNull(rowOperandBits);
        ArgumentNullException.ThrowIfNull(sourceBits);
        if (rowOperandBits.Length != rowLengths.Length || sourceBits.Length != rowLengths.Length)
        {
            throw new ArgumentException(
                $"phase {name}: {rowLengths.Length} row lengths but {rowOperandBits.Length} row widths and {sourceBits.Length} source widths");
        }

        if (columns <= 0)
        {
            throw new ArgumentException($"phase {name}: columns must be positive, got {columns}");
        }

        foreach (int length in rowLengths)
        {
            if (length < 0)
            {
                throw new ArgumentException($"phase {name}: a row length is negative ({length})");
            }
        }

        WorkloadChecks.Widths(name, rowOperandBits);
        WorkloadChecks.Widths(name, sourceBits);
        RowLengths = rowLengths;
        RowOperandBits = rowOperandBits;
        SourceBits = sourceBits;
        Columns = columns;
    }

    /// <summary>Nonzeros of each row of Â (in-degree, plus one where the layer adds a self loop).</summary>
    public int[] RowLengths { get; }

    /// <summary>Per row: the widest feature among its sources, which sets the row's bit-serial step.</summary>
    public int[] RowOperandBits { get; }

    /// <summary>Per node: the width of its row of B, which sets how many bytes B occupies.</summary>
    public int[] SourceBits { get; }

    public int Columns { get; }

    public override int Rows => RowLengths.Length;

    /// <summary>An aggregation whose gathered features all have one width.</summary>
    public static AggregationPhase Uniform(string name, int[] rowLengths, int operandBits, int columns, int outputBits)
    {
        var widths = new int[rowLengths.Length];
        Array.Fill(widths, operandBits);
        return new AggregationPhase(name, rowLengths, widths, widths, columns, outputBits);
    }

    /// <summary>
    /// An aggregation over per-node widths: each row's step width is the widest source it gathers.
    /// <paramref name="rowPointers"/> and <paramref name="sources"/> are Â's CSR (row = target node).
    /// </summary>
    public static AggregationPhase FromGraph(string name, int[] rowPointers, int[] sources, int[] nodeBits, int columns, int outputBits)
    {
        int rows = rowPointers.Length - 1;
        var lengths = new int[rows];
        var widest = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            lengths[row] = rowPointers[row + 1] - rowPointers[row];
            int width = 0;
            for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++)
            {
                width = Math.Max(width, nodeBits[sources[k]]);
            }

            widest[row] = width;
        }

        return new AggregationPhase(name, lengths, widest, nodeBits, columns, outputBits);
    }
}
