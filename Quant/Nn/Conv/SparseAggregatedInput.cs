using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// GIN's first-layer combination (1 + ε)·x_i + AGG_{j→i} x_j of a constant sparse input, kept sparse: its
/// pattern is the union of each node's own and its in-neighbours' stored columns, and its values are
/// neighbourAggregate + (1 + ε)·self on that pattern, so a new ε costs one vector pass instead of a dense
/// N × F aggregate. AGG is a weighted sum (sum or mean, by the adjacency's values) or an elementwise max, in
/// which a neighbour that does not store a column contributes its zero. Built once per (features, graph).
/// </summary>
public sealed class SparseAggregatedInput
{
    private SparseAggregatedInput(CsrPattern pattern, float[] neighbourSum, float[] self)
    {
        Pattern = pattern;
        NeighbourSum = neighbourSum;
        Self = self;
    }

    public CsrPattern Pattern { get; }

    /// <summary>AGG_{j→i} x_j per stored entry.</summary>
    public float[] NeighbourSum { get; }

    /// <summary>x_i per stored entry (0 where only neighbours store the column).</summary>
    public float[] Self { get; }

    public static SparseAggregatedInput Build(SparseMatrix x, SparseMatrix adjacency, GinAggregation aggregation = GinAggregation.Sum)
    {
        bool max = aggregation == GinAggregation.Max;
        int n = x.Rows, f = x.Columns;
        var rowPointers = new int[n + 1];
        var columns = new List<int>(x.NonZeros * 4);
        var neighbour = new List<float>(x.NonZeros * 4);
        var self = new List<float>(x.NonZeros * 4);
        var accumulated = new float[f];
        var storing = new int[f];
        var ownValue = new float[f];
        var seen = new bool[f];
        var touched = new List<int>();
        var xp = x.Pattern;
        var ap = adjacency.Pattern;
        for (int i = 0; i < n; i++)
        {
            touched.Clear();
            for (int p = xp.RowPointers[i]; p < xp.RowPointers[i + 1]; p++)
            {
                int c = xp.ColumnIndices[p];
                ownValue[c] += x.Values[p];
                if (!seen[c])
                {
                    seen[c] = true;
                    touched.Add(c);
                }
            }

            int degree = ap.RowLength(i);
            for (int e = ap.RowPointers[i]; e < ap.RowPointers[i + 1]; e++)
            {
                int j = ap.ColumnIndices[e];
                float weight = adjacency.Values[e];
                for (int p = xp.RowPointers[j]; p < xp.RowPointers[j + 1]; p++)
                {
                    int c = xp.ColumnIndices[p];
                    if (max)
                    {
                        accumulated[c] = storing[c] == 0 ? x.Values[p] : Math.Max(accumulated[c], x.Values[p]);
                        storing[c]++;
                    }
                    else
                    {
                        accumulated[c] += weight * x.Values[p];
                    }

                    if (!seen[c])
                    {
                        seen[c] = true;
                        touched.Add(c);
                    }
                }
            }

            touched.Sort();
            foreach (int c in touched)
            {
                columns.Add(c);

                // Under max, a neighbour without column c contributes the zero it implicitly stores.
                neighbour.Add(max && storing[c] > 0 && storing[c] < degree ? Math.Max(accumulated[c], 0f) : accumulated[c]);
                storing[c] = 0;
                self.Add(ownValue[c]);
                accumulated[c] = 0f;
                ownValue[c] = 0f;
                seen[c] = false;
            }

            rowPointers[i + 1] = columns.Count;
        }

        return new SparseAggregatedInput(new CsrPattern(n, f, rowPointers, columns.ToArray()), neighbour.ToArray(), self.ToArray());
    }
}
