using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Degree-Quant's stochastic protective mask (Tailor et al. 2021; camlsys/degree-quant dq/transforms.py):
/// node i stays in full precision during a training forward with probability
/// p_i = p_low + (p_high − p_low)·CDF(indeg_i), CDF the fraction of the graph's nodes with in-degree ≤ indeg_i,
/// so high in-degree nodes (whose aggregates have the widest ranges) are protected most often. One
/// Bernoulli draw per node per forward, shared by every layer; at evaluation nothing is protected.
/// </summary>
public sealed class ProtectiveMask
{
    private float[] probabilities;

    /// <summary>A mask over one graph (node-level tasks): the CDF runs over all its nodes.</summary>
    public ProtectiveMask(int[] inDegrees, float lowProbability, float changeProbability)
        : this(inDegrees, [0, inDegrees.Length], lowProbability, changeProbability)
    {
    }

    /// <summary>
    /// A mask over a mini-batch of graphs whose nodes are the contiguous rows [graphPointers[g], graphPointers[g+1]):
    /// DQ computes each node's probability once per graph (a dataset transform), so the CDF runs within its graph.
    /// </summary>
    public ProtectiveMask(int[] inDegrees, int[] graphPointers, float lowProbability, float changeProbability)
    {
        LowProbability = lowProbability;
        HighProbability = Math.Min(lowProbability + changeProbability, 1f);
        probabilities = ProbabilitiesPerGraph(inDegrees, graphPointers);
        Current = new bool[inDegrees.Length];
    }

    public float LowProbability { get; }

    public float HighProbability { get; }

    /// <summary>Points the mask at the next mini-batch (per-batch state: the quantizers share this one mask).</summary>
    public void UseGraphs(int[] inDegrees, int[] graphPointers)
    {
        probabilities = ProbabilitiesPerGraph(inDegrees, graphPointers);
        Current = new bool[inDegrees.Length];
    }

    private float[] ProbabilitiesPerGraph(int[] inDegrees, int[] graphPointers)
    {
        if (graphPointers.Length == 0 || graphPointers[0] != 0 || graphPointers[^1] != inDegrees.Length)
        {
            throw new ArgumentException($"graph pointers must run from 0 to the {inDegrees.Length} nodes", nameof(graphPointers));
        }

        var result = new float[inDegrees.Length];
        for (int g = 0; g + 1 < graphPointers.Length; g++)
        {
            int start = graphPointers[g], n = graphPointers[g + 1] - start;
            if (n <= 0)
            {
                continue;
            }

            var degrees = inDegrees.AsSpan(start, n);
            int maxDegree = 0;
            foreach (int d in degrees)
            {
                maxDegree = Math.Max(maxDegree, d);
            }

            var counts = new long[maxDegree + 1];
            foreach (int d in degrees)
            {
                counts[d]++;
            }

            var byDegree = new float[maxDegree + 1];
            double cumulative = 0;
            for (int d = 0; d <= maxDegree; d++)
            {
                cumulative += counts[d];
                byDegree[d] = (float)(LowProbability + ((HighProbability - LowProbability) * cumulative / n));
            }

            for (int i = 0; i < n; i++)
            {
                result[start + i] = byDegree[degrees[i]];
            }
        }

        return result;
    }

    /// <summary>The protection probability of each node.</summary>
    public IReadOnlyList<float> Probabilities => probabilities;

    /// <summary>Nodes kept in full precision in the current forward (all false outside training).</summary>
    public bool[] Current { get; private set; }

    /// <summary>Draws the mask of a training forward from a counter-based stream (thread-count independent).</summary>
    public void Draw(CounterRandom random)
    {
        var mask = new bool[probabilities.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.Uniform(i) < probabilities[i];
        }

        Current = mask;
    }

    /// <summary>Protects nothing (evaluation).</summary>
    public void Clear() => Current = new bool[probabilities.Length];
}
