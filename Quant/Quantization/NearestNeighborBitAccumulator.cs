namespace A2Q.Quant.Quantization;

/// <summary>
/// Average bits of graph-level Nearest Neighbor quantizers over an evaluation pass of many batches, an assumption
/// (the authors' graph-level scripts print no bits; paper/REPRODUCTION.md §0.5): per layer, the mean over every row of
/// every batch of round(|b_group(i)|) − 1 (rows pooled, so a large batch weighs more than a small one); then the
/// unweighted mean over layers, as the node-level count does.
/// </summary>
public sealed class NearestNeighborBitAccumulator
{
    private readonly List<string> layers = new();
    private readonly Dictionary<string, (long BitSum, long Rows)> totals = new();

    /// <summary>Adds one batch of one layer, e.g. <c>Add(q.Name, q.LastAssignment!)</c> after each evaluation forward.</summary>
    public void Add(string layer, NearestNeighborAssignment assignment)
    {
        if (!totals.TryGetValue(layer, out var total))
        {
            layers.Add(layer);
        }

        totals[layer] = (total.BitSum + assignment.BitSum, total.Rows + assignment.GroupIndices.Length);
    }

    /// <summary>Each layer's mean bits over all rows added, in the order layers were first added; NaN for a layer without rows.</summary>
    public IReadOnlyList<(string Layer, double AverageBits, long Rows)> Layers() =>
        layers.Select(l => (l, totals[l].Rows == 0 ? double.NaN : (double)totals[l].BitSum / totals[l].Rows, totals[l].Rows)).ToList();

    /// <summary>The unweighted mean over layers of <see cref="Layers"/>; NaN without layers.</summary>
    public double AverageBits()
    {
        var perLayer = Layers();
        return perLayer.Count == 0 ? double.NaN : perLayer.Average(l => l.AverageBits);
    }
}
