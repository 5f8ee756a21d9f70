using A2Q.Quant.Autograd;

namespace A2Q.Quant.Nn;

/// <summary>
/// Linear maps with ReLU between them. The last map is followed by ReLU only when <c>reluAfterLast</c>.
/// The maps may be float <see cref="Linear"/> or quantized <see cref="QLinear"/>.
/// </summary>
public sealed class Mlp : Module
{
    private readonly List<ILinearMap> layers = new();

    public Mlp(string name, IReadOnlyList<int> dimensions, bool reluAfterLast, LinearBiasInit biasInit = LinearBiasInit.Zeros)
        : this(Maps(name, dimensions, biasInit), reluAfterLast)
    {
    }

    public Mlp(IReadOnlyList<ILinearMap> maps, bool reluAfterLast)
    {
        if (maps.Count == 0)
        {
            throw new ArgumentException("an MLP needs at least one linear map", nameof(maps));
        }

        foreach (var map in maps)
        {
            layers.Add(map);
            AddModule((Module)map);
        }

        ReluAfterLast = reluAfterLast;
    }

    public bool ReluAfterLast { get; }

    public int InFeatures => layers[0].InFeatures;

    public int OutFeatures => layers[^1].OutFeatures;

    public ILinearMap First => layers[0];

    public IReadOnlyList<ILinearMap> Layers => layers;

    public Variable Forward(Variable x) => ForwardAfterFirstLinear(layers[0].Forward(x));

    /// <summary>Continues from the output of the first map (used when that product was formed elsewhere).</summary>
    public Variable ForwardAfterFirstLinear(Variable h)
    {
        for (int i = 1; i < layers.Count; i++)
        {
            h = layers[i].Forward(Functional.Relu(h));
        }

        return ReluAfterLast ? Functional.Relu(h) : h;
    }

    private static List<ILinearMap> Maps(string name, IReadOnlyList<int> dimensions, LinearBiasInit biasInit)
    {
        if (dimensions.Count < 2)
        {
            throw new ArgumentException("an MLP needs at least an input and an output dimension", nameof(dimensions));
        }

        var maps = new List<ILinearMap>();
        for (int i = 0; i + 1 < dimensions.Count; i++)
        {
            maps.Add(new Linear($"{name}.{i}", dimensions[i], dimensions[i + 1], bias: true, biasInit));
        }

        return maps;
    }
}
