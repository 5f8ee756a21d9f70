using A2Q.Quant.Autograd;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// A stack of graph layers for node classification: [input dropout] → layer 1 (on the sparse input) →
/// (activation → dropout → layer l) for the remaining layers → [ReLU on the logits]. Returns logits.
/// </summary>
public sealed class NodeClassifier : Module
{
    private readonly List<MessagePassing> layers = new();
    private readonly SeededRandom random;

    public NodeClassifier(IReadOnlyList<MessagePassing> layers, NodeClassifierOptions options, SeededRandom random, Quantization.ProtectiveMask? protectiveMask = null)
    {
        ProtectiveMask = protectiveMask;
        if (layers.Count == 0)
        {
            throw new ArgumentException("a classifier needs at least one layer", nameof(layers));
        }

        foreach (var layer in layers)
        {
            this.layers.Add(AddModule(layer));
        }

        Options = options;
        this.random = random;
    }

    public NodeClassifierOptions Options { get; }

    /// <summary>Degree-Quant's mask: drawn once per training forward and shared by every layer.</summary>
    public Quantization.ProtectiveMask? ProtectiveMask { get; }

    public IReadOnlyList<MessagePassing> Layers => layers;

    public Variable Forward(Tape tape, SparseMatrix features, GraphInput graph)
    {
        if (ProtectiveMask is { } mask)
        {
            if (Training)
            {
                mask.Draw(random.NextStreamKey());
            }
            else
            {
                mask.Clear();
            }
        }

        var input = Training && Options.InputDropout > 0f
            ? Functional.SparseDropout(tape, features, Options.InputDropout, training: true, random.NextStreamKey())
            : features;
        var h = layers[0].Forward(tape, input, graph);
        for (int l = 1; l < layers.Count; l++)
        {
            h = Options.EluBetweenLayers ? Functional.Elu(h) : Functional.Relu(h);
            if (Training && Options.Dropout > 0f)
            {
                h = Functional.Dropout(h, Options.Dropout, training: true, random.NextStreamKey());
            }

            var output = layers[l].Forward(h, graph);

            // A skip connection adds the layer's input back where the widths allow (the hidden layers).
            h = Options.SkipConnections && output.Columns == h.Columns ? Functional.Add(output, h) : output;
        }

        return Options.ReluOnLogits ? Functional.Relu(h) : h;
    }
}
