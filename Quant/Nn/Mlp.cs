using A2Q.Quant.Autograd;

namespace A2Q.Quant.Nn;

/// <summary>
/// Linear layers with ReLU between them: dims [d0, d1, …, dk] give k Linear maps. The last map is
/// followed by ReLU only when <c>reluAfterLast</c> (the A²Q node-level GIN applies ReLU even to its logits).
/// </summary>
public sealed class Mlp : Module
{
    private readonly List<Linear> layers = new();

    public Mlp(string name, IReadOnlyList<int> dimensions, bool reluAfterLast, LinearBiasInit biasInit = LinearBiasInit.Zeros)
    {
        if (dimensions.Count < 2)
        {
            throw new ArgumentException("an MLP needs at least an input and an output dimension", nameof(dimensions));
        }

        for (int i = 0; i + 1 < dimensions.Count; i++)
        {
            layers.Add(AddModule(new Linear($"{name}.{i}", dimensions[i], dimensions[i + 1], bias: true, biasInit)));
        }

        ReluAfterLast = reluAfterLast;
    }

    public bool ReluAfterLast { get; }

    public int InFeatures => layers[0].InFeatures;

    public int OutFeatures => layers[^1].OutFeatures;

    public Linear First => layers[0];

    public IReadOnlyList<Linear> Layers => layers;

    public Variable Forward(Variable x) => ForwardAfterFirstLinear(layers[0].Forward(x));

    /// <summary>Continues from the output of the first Linear (used when that product was formed elsewhere).</summary>
    public Variable ForwardAfterFirstLinear(Variable h)
    {
        for (int i = 1; i < layers.Count; i++)
        {
            h = layers[i].Forward(Functional.Relu(h));
        }

        return ReluAfterLast ? Functional.Relu(h) : h;
    }
}
