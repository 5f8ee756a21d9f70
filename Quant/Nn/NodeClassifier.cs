using A2Q.Quant.Autograd;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// A stack of graph layers for node classification: [input batch norm] → [input dropout] → [input quantizer] →
/// layer 1 (on the sparse input, or the dense normalised one) → (activation → dropout → layer l) for the remaining layers →
/// [ReLU on the logits]. Returns logits.
/// </summary>
public sealed class NodeClassifier : Module
{
    private readonly List<MessagePassing> layers = new();
    private readonly SeededRandom random;
    private readonly BatchNorm1d? inputNormalization;
    private readonly Quantization.ISparseInputQuantizer? inputQuantizer;
    private SparseMatrix? denseFor;
    private Tensor? denseInput;

    public NodeClassifier(
        IReadOnlyList<MessagePassing> layers, NodeClassifierOptions options, SeededRandom random, IReadOnlyList<Quantization.ProtectiveMask>? protectiveMasks = null,
        BatchNorm1d? inputNormalization = null, Quantization.ISparseInputQuantizer? inputQuantizer = null)
    {
        ProtectiveMasks = protectiveMasks ?? [];
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
        if (inputNormalization is not null)
        {
            this.inputNormalization = AddModule(inputNormalization);
        }

        if (inputQuantizer is not null)
        {
            if (inputNormalization is not null)
            {
                throw new ArgumentException("a classifier quantizes its sparse input or batch-normalises it densely, not both", nameof(inputQuantizer));
            }

            this.inputQuantizer = inputQuantizer;
            AddModule((Module)inputQuantizer);
        }
    }

    public NodeClassifierOptions Options { get; }

    /// <summary>
    /// Degree-Quant's masks, each drawn once per training forward in order: one shared by every layer (as DQ's
    /// released GIN), or one per layer (as its comment says its other experiments used); none without Degree-Quant.
    /// </summary>
    public IReadOnlyList<Quantization.ProtectiveMask> ProtectiveMasks { get; }

    public IReadOnlyList<MessagePassing> Layers => layers;

    public Variable Forward(Tape tape, SparseMatrix features, GraphInput graph)
    {
        foreach (var mask in ProtectiveMasks)
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

        var h = inputNormalization is null ? FirstLayerOnSparseInput(tape, features, graph) : FirstLayerOnNormalisedInput(tape, features, graph);
        for (int l = 1; l < layers.Count; l++)
        {
            h = Options.LinearBetweenLayers ? h : Options.EluBetweenLayers ? Functional.Elu(h) : Functional.Relu(h);
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

    private Variable FirstLayerOnSparseInput(Tape tape, SparseMatrix features, GraphInput graph)
    {
        var input = Training && Options.InputDropout > 0f
            ? Functional.SparseDropout(tape, features, Options.InputDropout, training: true, random.NextStreamKey())
            : features;

        // Degree-Quant quantizes the first layer's input after the dropout, as it quantizes every layer's input.
        return layers[0].Forward(tape, inputQuantizer is null ? input : inputQuantizer.QuantizeSparse(tape, input), graph);
    }

    /// <summary>Batch-normalised features are dense (every absent word becomes −μ/σ); the dense copy is made once.</summary>
    private Variable FirstLayerOnNormalisedInput(Tape tape, SparseMatrix features, GraphInput graph)
    {
        if (!ReferenceEquals(denseFor, features))
        {
            denseInput = features.ToDense();
            denseFor = features;
        }

        var h = inputNormalization!.Forward(tape.Constant(denseInput!));
        if (Training && Options.InputDropout > 0f)
        {
            h = Functional.Dropout(h, Options.InputDropout, training: true, random.NextStreamKey());
        }

        return layers[0].Forward(h, graph);
    }
}
