using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training;

/// <summary>
/// Builds the <see cref="NodeClassifier"/> a recipe describes: full precision, or with the A²Q quantizers
/// wired in where the authors' node-level scripts put them (paper/REPRODUCTION.md §1).
/// </summary>
public static class NodeModelFactory
{
    public static NodeClassifier Create(NodeRecipe recipe, GraphInput graph, int featureCount, int classCount, SeededRandom random)
    {
        int nodeCount = graph.NodeCount;
        if (recipe.LogitsWidth > 0 && recipe.LogitsWidth < classCount)
        {
            throw new ArgumentException($"recipe {recipe.Key}: logitsWidth {recipe.LogitsWidth} is below the {classCount} classes");
        }

        var inDegrees = graph.Graph.InDegrees();
        if (recipe.Binarize && (recipe.Model != Architecture.GCN || recipe.Quantization is not null || recipe.DegreeQuant is not null))
        {
            throw new ArgumentException($"recipe {recipe.Key}: binarize (Bi-GCN) is for GCN without A²Q or Degree-Quant settings");
        }

        var builder = new QuantizerBuilder(recipe, nodeCount, inDegrees);
        var masks = recipe.DegreeQuant is { } dq
            ? Enumerable.Range(0, dq.MaskPerLayer ? recipe.Layers : 1).Select(_ => new ProtectiveMask(inDegrees, dq.LowProbability, dq.ChangeProbability)).ToArray()
            : [];
        var nodeBits = recipe.DegreeQuant?.NodeBitsByInDegree?.Assign(inDegrees);
        int outputs = recipe.LogitsWidth > 0 ? recipe.LogitsWidth : classCount;
        var layers = new List<MessagePassing>();
        DqQuantizer? sparseInputQuantizer = null;
        int input = featureCount;
        for (int l = 0; l < recipe.Layers; l++)
        {
            bool last = l == recipe.Layers - 1;
            int layerNumber = l + 1;
            string name = $"conv{layerNumber}";
            var degreeQuant = masks.Length == 0 ? null : new DegreeQuantBuilder(recipe.DegreeQuant!, masks[Math.Min(l, masks.Length - 1)], nodeBits);
            if (l == 0 && degreeQuant is not null && recipe.DegreeQuant!.QuantizeFirstLayerInput && recipe.Model is Architecture.GCN or Architecture.GAT)
            {
                // DQ's released GCN and GAT layers quantize every input, the first layer's included; GIN's first Linear
                // quantizes its input either way.
                sparseInputQuantizer = degreeQuant.Nodes($"{name}.lin.input", signed: false);
            }

            MessagePassing layer;
            switch (recipe.Model)
            {
                case Architecture.GCN:
                {
                    int width = last ? outputs : recipe.Hidden;
                    layer = recipe.Binarize
                        ? new GcnConv(
                            name,
                            new QLinear(
                                $"{name}.lin", input, width,
                                new BinaryQuantizer($"{name}.lin.binary_features", QuantizerAxis.PerRow, BinarizeGradient.ClippedStraightThrough),
                                new BinaryQuantizer($"{name}.lin.binary_weight", QuantizerAxis.PerColumn, BinarizeGradient.WithScale)),
                            productQuantizer: null)
                        : degreeQuant is not null
                        ? new GcnConv(
                            name,
                            degreeQuant.Linear($"{name}.lin", input, width, l > 0, recipe.BiasBeforeAggregation),
                            degreeQuant.Nodes($"{name}.xw", signed: true),
                            degreeQuant.Nodes($"{name}.aggregate", signed: true),
                            degreeQuant.Normalization($"{name}.norm"),
                            messageQuantizer: degreeQuant.Messages($"{name}.message"),
                            updateQuantizer: degreeQuant.Nodes($"{name}.update", signed: true))
                        : recipe.Quantization is null
                        ? new GcnConv(name, input, width, recipe.BiasBeforeAggregation)
                        : new GcnConv(name, builder.QLinear($"{name}.lin", layerNumber, input, width), builder.Product($"{name}.q_xw", width));
                    break;
                }

                case Architecture.GIN:
                {
                    var dims = new List<int> { input };
                    dims.AddRange(recipe.GinMlpHidden);
                    dims.Add(last ? outputs : recipe.Hidden);
                    if (degreeQuant is not null)
                    {
                        // DQ's GIN (GINConvMultiQuant): the messages x_j, their sum and every Linear's input,
                        // weights and output are quantized, the self term (1 + ε)x_i stays float; the first Linear
                        // of layers after the first gets a signed input quantizer, as in dq/reddit_binary/gin.py.
                        // Layer 1 reads the 0/1 bag-of-words input, whose messages INT4 holds exactly, and its
                        // sparse path keeps the neighbour counts as they are.
                        var maps = new List<ILinearMap>();
                        for (int m = 0; m + 1 < dims.Count; m++)
                        {
                            bool signedInput = m == 0 && l > 0;
                            maps.Add(degreeQuant.Linear($"{name}.nn.{m}", dims[m], dims[m + 1], quantizeInput: true, bias: true, signedInput, quantizeOutput: true));
                        }

                        var messages = l > 0 ? degreeQuant.Nodes($"{name}.message", signed: false) : null;
                        var sum = l > 0 ? degreeQuant.Nodes($"{name}.aggregate", signed: true) : null;
                        layer = new GinConv(
                            name, new Mlp(maps, reluAfterLast: false), recipe.GinTrainEpsilon, inputQuantizer: messages, aggregation: recipe.GinAggregation,
                            inputQuantizerOnMessagesOnly: true, aggregateQuantizer: sum);
                    }
                    else if (recipe.Quantization is null)
                    {
                        var mlp = new Mlp($"{name}.nn", dims, reluAfterLast: false, biasInit: LinearBiasInit.PyTorchDefault);
                        layer = new GinConv(name, mlp, recipe.GinTrainEpsilon, aggregation: recipe.GinAggregation);
                    }
                    else
                    {
                        // The authors' GINConvMultiQuant: the first map quantizes the aggregated input per node;
                        // layers after the first quantize their input per column (q_xw) before aggregating.
                        var maps = new List<ILinearMap>();
                        for (int m = 0; m + 1 < dims.Count; m++)
                        {
                            maps.Add(builder.QLinear($"{name}.nn.{m}", m == 0 ? layerNumber : 0, dims[m], dims[m + 1]));
                        }

                        var inputQuantizer = l > 0 ? builder.Product($"{name}.q_xw", input) : null;
                        layer = new GinConv(name, new Mlp(maps, reluAfterLast: false), recipe.GinTrainEpsilon, inputQuantizer: inputQuantizer, aggregation: recipe.GinAggregation);
                    }

                    break;
                }

                case Architecture.GAT:
                {
                    int heads = last ? recipe.OutputHeads : recipe.Heads;
                    int perHead = last ? outputs : recipe.Hidden;
                    var options = new GatConvOptions
                    {
                        Heads = heads,
                        Concat = !last,
                        AttentionDropout = recipe.AttentionDropout,
                        LinearBias = recipe.GatAuthorsLayer,
                        AttentionGlorotOverConcatenated = recipe.GatAuthorsLayer,
                    };
                    layer = degreeQuant is not null
                        ? new GatConv(name, degreeQuant.Linear($"{name}.lin", input, heads * perHead, l > 0, recipe.GatAuthorsLayer), perHead, options, random, degreeQuant.Gat(name))
                        : recipe.Quantization is null
                        ? new GatConv(name, input, perHead, options, random)
                        : new GatConv(name, builder.QLinear($"{name}.lin", layerNumber, input, heads * perHead), perHead, options, random, builder.Gat(name, heads));
                    break;
                }

                case Architecture.SAGE:
                {
                    if (degreeQuant is not null)
                    {
                        throw new NotSupportedException($"recipe {recipe.Key}: Degree-Quant GraphSAGE is not available");
                    }

                    int width = last ? outputs : recipe.Hidden;
                    layer = recipe.Quantization is null
                        ? new SageConv(name, input, width)
                        : new SageConv(
                            builder.WeightOnlyQLinear($"{name}.lin_l", input, width, bias: true),
                            builder.WeightOnlyQLinear($"{name}.lin_r", input, width, bias: false),
                            builder.Features($"{name}.fea_quant", layerNumber),
                            builder.Product($"{name}.q_xw", width));
                    break;
                }

                default:
                    throw new ArgumentException($"recipe {recipe.Key}: unknown model {recipe.Model}");
            }

            layers.Add(layer);
            input = layer.OutFeatures;
        }

        var model = new NodeClassifier(
            layers,
            new NodeClassifierOptions
            {
                InputDropout = recipe.InputDropout,
                Dropout = recipe.Dropout,
                EluBetweenLayers = recipe.Activation == HiddenActivation.Elu,
                LinearBetweenLayers = recipe.Activation == HiddenActivation.None,
                ReluOnLogits = recipe.ReluOnLogits,
                SkipConnections = recipe.SkipConnections,
            },
            random,
            masks,
            recipe.Binarize ? new BatchNorm1d("input_norm", featureCount, affine: false) : null,
            sparseInputQuantizer);
        model.ResetParameters(random);
        return model;
    }

    /// <summary>
    /// Degree-Quant's quantizers (INT-b per tensor, percentile ranges, gradient clipping): node tensors share
    /// the model's protective mask, edge tensors (messages, GAT's logits) follow their source node, weights are
    /// never protected. GCN and GAT quantize what DQ's GCNConvMultiQuant and GATConvMultiQuant do: input, weights,
    /// X·W, Â's values or the attention vector and logits, each message, the aggregate and the update. The first
    /// layer's 0/1 input stays as it is (A.6), unless the recipe asks the classifier to quantize it after its dropout.
    /// </summary>
    /// <param name="nodeBits">Figure 5's mixed precision: node and edge tensors at these per-node widths</param>
    private sealed class DegreeQuantBuilder(DegreeQuantRecipe dq, ProtectiveMask mask, int[]? nodeBits)
    {
        public DqQuantizer Nodes(string name, bool signed) => dq.Quantizer(name, signed, mask, nodeBits: nodeBits);

        /// <summary>Â's normalisation values: constant, unsigned, never protected.</summary>
        public DqQuantizer Normalization(string name) => dq.Quantizer(name, signed: false, mask: null);

        public DqQuantizer Weights(string name) => dq.Quantizer(name, signed: true, mask: null);

        /// <summary>A GCN or GAT layer's per-edge messages, or null when the recipe turns them off.</summary>
        public DqQuantizer? Messages(string name) => dq.MessageQuantizer(name, mask, nodeBits);

        /// <param name="quantizeInput">the input is a hidden activation (post-ReLU unless <paramref name="signedInput"/>)</param>
        public QLinear Linear(string name, int inFeatures, int outFeatures, bool quantizeInput, bool bias, bool signedInput = false, bool quantizeOutput = false) =>
            new(name, inFeatures, outFeatures,
                quantizeInput ? Nodes($"{name}.input", signedInput) : null,
                Weights($"{name}.weight"),
                bias,
                quantizeOutput ? Nodes($"{name}.output", signed: true) : null);

        public GatQuantizers Gat(string name)
        {
            return new GatQuantizers(
                Nodes($"{name}.features", signed: true),
                Weights($"{name}.attention"),
                dq.Quantizer($"{name}.logits", signed: true, mask, edgeSources: [], nodeBits),
                Nodes($"{name}.aggregate", signed: true),
                Messages($"{name}.message"),
                Nodes($"{name}.update", signed: true));
        }
    }

    /// <summary>Makes the quantizers of one recipe, with the kinds' initialisations and gradient rules.</summary>
    private sealed class QuantizerBuilder(NodeRecipe recipe, int nodeCount, int[] inDegrees)
    {
        private QuantizationRecipe Q => recipe.Quantization!;

        /// <summary>Figure 5's manual bits: the authors count round(|b|) − 1, so the stored b is the assigned count + 1.</summary>
        private float[]? AssignedFeatureBits() =>
            Q.FeatureBitsByInDegree?.Assign(inDegrees).Select(bits => bits + 1f).ToArray();

        public QLinear QLinear(string name, int layerNumber, int inFeatures, int outFeatures) =>
            new(name, inFeatures, outFeatures, Features($"{name}.fea_quant", layerNumber), Weights(name, outFeatures));

        /// <summary>A map whose input is quantized elsewhere (a layer that shares one feature quantizer between maps).</summary>
        public QLinear WeightOnlyQLinear(string name, int inFeatures, int outFeatures, bool bias) =>
            new(name, inFeatures, outFeatures, featureQuantizer: null, Weights(name, outFeatures), bias);

        /// <summary>The per-node feature quantizer of layer <paramref name="layerNumber"/>, or null where inputs stay float.</summary>
        public A2qQuantizer? Features(string name, int layerNumber)
        {
            if (!Q.QuantizedFeatureLayers.Contains(layerNumber))
            {
                return null;
            }

            float bits = Q.Bits + (Q.UnsignedFeatureLayers.Contains(layerNumber) ? 1f : 0f);
            return new A2qQuantizer(
                name, nodeCount, QuantizerAxis.PerRow, Q.FeatureGradient, bits, Q.FeatureStepInit.ToInit(),
                ParameterRole.FeatureStepSize, trainableBits: true, Q.ClipInputGradient, AssignedFeatureBits());
        }

        private A2qQuantizer Weights(string name, int outFeatures) => Q.WeightQuantizer(name, outFeatures);

        public A2qQuantizer? Product(string name, int columns) => Q.ProductQuantizer(name, columns);

        public GatQuantizers Gat(string name, int heads) => new(
            new A2qQuantizer($"{name}.q_gat_fea", nodeCount, QuantizerAxis.PerRow, QuantizerGradient.LocalError, Q.WeightBits,
                Q.AttentionFeatureStepInit.ToInit(), ParameterRole.AttentionFeatureStepSize, trainableBits: false, Q.ClipInputGradient),
            new A2qQuantizer($"{name}.q_gat_attn", heads, QuantizerAxis.PerRow, QuantizerGradient.Task, Q.WeightBits,
                Q.AttentionStepInit.ToInit(), ParameterRole.AttentionStepSize, trainableBits: false, Q.ClipInputGradient),
            new A2qQuantizer($"{name}.q_gat_edge", heads, QuantizerAxis.PerColumn, QuantizerGradient.Task, Q.WeightBits,
                Q.AttentionStepInit.ToInit(), ParameterRole.AttentionStepSize, trainableBits: false, Q.ClipInputGradient));
    }
}
