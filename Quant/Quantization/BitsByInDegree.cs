namespace A2Q.Quant.Quantization;

/// <summary>
/// The data of Figures 4 and 10: for each layer and learned bitwidth (counted as the authors count it,
/// round(|b|) − 1), how many nodes use it and their mean in-degree. Runs are pooled node by node.
/// </summary>
public sealed record BitsByInDegree(string Layer, int Bits, int Nodes, double MeanInDegree)
{
    public static IReadOnlyList<BitsByInDegree> Of(IEnumerable<IReadOnlyList<QuantizedLayerBits>> runs, int[] inDegrees)
    {
        var totals = new SortedDictionary<(string Layer, int Bits), (int Nodes, long Degrees)>();
        foreach (var run in runs)
        {
            foreach (var layer in run)
            {
                if (layer.Bits.Length != inDegrees.Length)
                {
                    continue; // not a per-node quantizer of this graph
                }

                for (int i = 0; i < layer.Bits.Length; i++)
                {
                    var key = (layer.Name, layer.Bits[i] - 1);
                    totals.TryGetValue(key, out var t);
                    totals[key] = (t.Nodes + 1, t.Degrees + inDegrees[i]);
                }
            }
        }

        return totals.Select(kv => new BitsByInDegree(kv.Key.Layer, kv.Key.Bits, kv.Value.Nodes, (double)kv.Value.Degrees / kv.Value.Nodes)).ToList();
    }

    /// <summary>
    /// Spearman-free check of Figure 4's claim for one layer: the node-weighted correlation between the
    /// bitwidth and the in-degree (positive when higher bitwidths go to nodes with more neighbours).
    /// </summary>
    public static double Correlation(IReadOnlyList<QuantizedLayerBits> run, string layer, int[] inDegrees)
    {
        var bits = run.First(l => l.Name == layer).Bits;
        double mb = bits.Average(), md = inDegrees.Average();
        double cov = 0, vb = 0, vd = 0;
        for (int i = 0; i < bits.Length; i++)
        {
            double db = bits[i] - mb, dd = inDegrees[i] - md;
            cov += db * dd;
            vb += db * db;
            vd += dd * dd;
        }

        return vb == 0 || vd == 0 ? 0 : cov / Math.Sqrt(vb * vd);
    }
}
