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
    private readonly float[] probabilities;

    public ProtectiveMask(int[] inDegrees, float lowProbability, float changeProbability)
    {
        float high = Math.Min(lowProbability + changeProbability, 1f);
        int n = inDegrees.Length;
        int maxDegree = n == 0 ? 0 : inDegrees.Max();
        var counts = new long[maxDegree + 1];
        foreach (int d in inDegrees)
        {
            counts[d]++;
        }

        var byDegree = new float[maxDegree + 1];
        double cumulative = 0;
        for (int d = 0; d <= maxDegree; d++)
        {
            cumulative += counts[d];
            byDegree[d] = (float)(lowProbability + ((high - lowProbability) * cumulative / n));
        }

        probabilities = inDegrees.Select(d => byDegree[d]).ToArray();
        Current = new bool[n];
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
