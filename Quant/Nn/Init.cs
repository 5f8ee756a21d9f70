using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>Parameter initialisers with PyTorch's and PyG's formulas.</summary>
public static class Init
{
    /// <summary>Glorot/Xavier uniform: U(−a, a), a = √(6 / (fanIn + fanOut)) (PyG's <c>glorot</c>).</summary>
    public static void Glorot(Tensor t, int fanIn, int fanOut, SeededRandom random)
    {
        float a = MathF.Sqrt(6f / (fanIn + fanOut));
        Uniform(t, -a, a, random);
    }

    /// <summary>
    /// PyTorch's default for nn.Linear weights and biases: U(−1/√fanIn, 1/√fanIn) (kaiming_uniform with
    /// a = √5 reduces to this bound for weights).
    /// </summary>
    public static void LinearDefault(Tensor t, int fanIn, SeededRandom random)
    {
        float bound = fanIn > 0 ? 1f / MathF.Sqrt(fanIn) : 0f;
        Uniform(t, -bound, bound, random);
    }

    public static void Uniform(Tensor t, float low, float high, SeededRandom random)
    {
        var s = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = random.Uniform(low, high);
        }
    }

    public static void Constant(Tensor t, float value) => t.Span.Fill(value);
}
