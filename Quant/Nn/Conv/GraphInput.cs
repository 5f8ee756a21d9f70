using A2Q.Quant.Data;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// A graph as the convolutions consume it: the CSR-by-target operators each layer kind needs, built on
/// first use and kept for the whole run (the graph never changes between epochs).
/// </summary>
public sealed class GraphInput
{
    private SparseMatrix? gcnNormalized;
    private SparseMatrix? gcnNormalizedWithoutSelfLoops;
    private SparseMatrix? sum;
    private SparseMatrix? mean;
    private CsrPattern? withSelfLoops;

    public GraphInput(Graph graph)
    {
        Graph = graph;
    }

    public Graph Graph { get; }

    public int NodeCount => Graph.NodeCount;

    /// <summary>
    /// Â = D^-1/2 (A + I) D^-1/2 with the degree counted on the target (PyG's gcn_norm): entry (i, j) is
    /// 1/√(d_i d_j) for every edge j → i and for the self loop i → i.
    /// </summary>
    public SparseMatrix GcnNormalized => gcnNormalized ??= BuildGcnNormalized(selfLoops: true);

    /// <summary>
    /// D^-1/2 A D^-1/2 over the graph's own edges, no self loops added: the authors' graph-level GCN
    /// (paper/REPRODUCTION.md §4–5), whose Σ_j d_i^-1/2 d_j^-1/2 h_j leaves node i itself out.
    /// </summary>
    public SparseMatrix GcnNormalizedWithoutSelfLoops => gcnNormalizedWithoutSelfLoops ??= BuildGcnNormalized(selfLoops: false);

    /// <summary>A with unit weights, no self loops: row i sums the features of i's in-neighbours (GIN).</summary>
    public SparseMatrix Sum => sum ??= BuildWeighted(selfLoops: false, meanWeights: false);

    /// <summary>Row-normalised A: row i averages over i's in-neighbours (GraphSAGE mean); isolated rows are zero.</summary>
    public SparseMatrix Mean => mean ??= BuildWeighted(selfLoops: false, meanWeights: true);

    /// <summary>The edge pattern with one self loop per node (existing self loops replaced), for GAT.</summary>
    public CsrPattern WithSelfLoops => withSelfLoops ??= BuildWeighted(selfLoops: true, meanWeights: false).Pattern;

    private SparseMatrix BuildGcnNormalized(bool selfLoops)
    {
        var adjacency = selfLoops ? BuildWeighted(selfLoops: true, meanWeights: false) : Sum;
        var pattern = adjacency.Pattern;
        var inverseSqrtDegree = new float[pattern.Rows];
        for (int i = 0; i < pattern.Rows; i++)
        {
            int degree = pattern.RowLength(i);
            inverseSqrtDegree[i] = degree > 0 ? 1f / MathF.Sqrt(degree) : 0f;
        }

        var values = new float[pattern.NonZeros];
        for (int i = 0; i < pattern.Rows; i++)
        {
            for (int p = pattern.RowPointers[i]; p < pattern.RowPointers[i + 1]; p++)
            {
                values[p] = inverseSqrtDegree[i] * inverseSqrtDegree[pattern.ColumnIndices[p]];
            }
        }

        return new SparseMatrix(pattern, values);
    }

    private SparseMatrix BuildWeighted(bool selfLoops, bool meanWeights)
    {
        var rows = new List<int>(Graph.EdgeCount + (selfLoops ? Graph.NodeCount : 0));
        var cols = new List<int>(rows.Capacity);
        for (int e = 0; e < Graph.EdgeCount; e++)
        {
            if (selfLoops && Graph.Sources[e] == Graph.Targets[e])
            {
                continue;
            }

            rows.Add(Graph.Targets[e]);
            cols.Add(Graph.Sources[e]);
        }

        if (selfLoops)
        {
            for (int i = 0; i < Graph.NodeCount; i++)
            {
                rows.Add(i);
                cols.Add(i);
            }
        }

        var pattern = CsrPattern.FromCoordinates(Graph.NodeCount, Graph.NodeCount, rows.ToArray(), cols.ToArray(), out _);
        var values = new float[pattern.NonZeros];
        for (int i = 0; i < pattern.Rows; i++)
        {
            float w = meanWeights && pattern.RowLength(i) > 0 ? 1f / pattern.RowLength(i) : 1f;
            values.AsSpan(pattern.RowPointers[i], pattern.RowLength(i)).Fill(w);
        }

        return new SparseMatrix(pattern, values);
    }
}
