using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training;

/// <summary>
/// Builds the <see cref="GraphLevelModel"/> a graph-level recipe describes, in full precision, with A²Q's
/// quantizers (feature quantizers use the Nearest Neighbor Strategy) or with Degree-Quant's, where the authors'
/// scripts and DQ's reddit_binary/gin.py put them (paper/REPRODUCTION.md §3, §5, §7).
/// </summary>
public static class GraphModelFactory
{
    /// <param name="inputFeatures">dense input columns (0 when the input is an embedded type)</param>
    /// <param name="typeCount">embedding rows (0 for dense inputs)</param>
    /// <param name="outputs">classes, or 1 for regression</param>
    public static GraphLevelModel Create(GraphRecipe recipe, int inputFeatures, int typeCount, int outputs, SeededRandom random)
    {
        recipe.Validate();
        var mask = recipe.DegreeQuant is { } dq ? new ProtectiveMask([], [0], dq.LowProbability, dq.ChangeProbability) : null;
        var quantizers = new QuantizerSlots(recipe, mask);
        Embedding? embedding = null;
        int width = inputFeatures;
        // GAT's hidden width is per head; its layers concatenate the heads.
        int hidden = recipe.Model == Architecture.GAT ? recipe.Heads * recipe.Hidden : recipe.Hidden;
        if (recipe.NodeInput == Data.Batching.NodeInputKind.NodeTypes)
        {
            embedding = new Embedding("atom_encoder", typeCount, hidden);
            width = hidden;
        }
        else if (inputFeatures < 1)
        {
            throw new ArgumentException($"recipe {recipe.Key}: a dense node input needs at least one column");
        }

        var blocks = new List<GraphLevelBlock>();
        for (int l = 0; l < recipe.Layers; l++)
        {
            string name = $"conv{l + 1}";
            var conv = recipe.Model switch
            {
                Architecture.GIN => Gin(recipe, quantizers, name, width, first: l == 0),
                Architecture.GCN => Gcn(recipe, quantizers, name, width),
                Architecture.GAT => Gat(recipe, quantizers, name, width, random),
                _ => throw new NotSupportedException($"recipe {recipe.Key}: graph-level {recipe.Model} is not available (GIN, GCN and GAT are)"),
            };
            blocks.Add(new GraphLevelBlock(
                conv,
                recipe.BatchNorm ? new BatchNorm1d($"{name}.norm", conv.OutFeatures) : null,
                recipe.ReluAfterLayer,
                recipe.Residual,
                quantizers.DegreeQuantNodes($"{name}.update", signed: true)));
            width = conv.OutFeatures;
        }

        // Readout: the first map reads the pooled (signed) features, the second a ReLU output.
        var head = new List<ILinearMap>
        {
            quantizers.Map("lin1", width, hidden, signedInput: true, LinearWeightInit.PyTorchDefault, quantizeInput: true, rowsAreGraphs: true),
            quantizers.Map("lin2", hidden, outputs, signedInput: false, LinearWeightInit.PyTorchDefault, quantizeInput: true, rowsAreGraphs: true),
        };
        var model = new GraphLevelModel(embedding, blocks, head, recipe.Readout, recipe.ReadoutDropout, random, mask);
        model.ResetParameters(random);
        return model;
    }

    /// <summary>
    /// GIN: x' = MLP((1 + ε)x + Σ x_j), MLP = map → ReLU → map → ReLU (the BatchNorm follows in the block).
    /// On REDDIT-BINARY layer 1's first map reads the raw 1-column degree input and neither method quantizes it;
    /// an embedded input (ZINC, Table 12) is quantized like every hidden layer's. A²Q quantizes the layer input per
    /// column (q_xw) before aggregating; Degree-Quant quantizes the messages and the aggregate instead.
    /// </summary>
    private static MessagePassing Gin(GraphRecipe recipe, QuantizerSlots q, string name, int input, bool first)
    {
        bool rawInput = first && recipe.NodeInput != Data.Batching.NodeInputKind.NodeTypes;
        var maps = new ILinearMap[]
        {
            q.Map($"{name}.nn.0", input, recipe.Hidden, signedInput: true, LinearWeightInit.PyTorchDefault, quantizeInput: !rawInput),
            q.Map($"{name}.nn.1", recipe.Hidden, recipe.Hidden, signedInput: false, LinearWeightInit.PyTorchDefault, quantizeInput: true),
        };
        var mlp = new Mlp(maps, reluAfterLast: true);
        if (recipe.DegreeQuant is not null)
        {
            return new GinConv(
                name, mlp, recipe.GinTrainEpsilon,
                inputQuantizer: q.DegreeQuantNodes($"{name}.message", signed: true),
                inputQuantizerOnMessagesOnly: true,
                aggregateQuantizer: q.DegreeQuantNodes($"{name}.aggregate", signed: true));
        }

        return new GinConv(name, mlp, recipe.GinTrainEpsilon, inputQuantizer: rawInput ? null : q.Product($"{name}.q_xw", input));
    }

    /// <summary>
    /// GCN as the authors' graph-level qGCNConv: Q(x)·Q(W) + b (Xavier W), X·W quantized per column, then
    /// D^-1/2 A D^-1/2 without self loops (unless the recipe adds them). The conv's own second bias before the
    /// BatchNorm is left out: a per-column constant there is removed by the BatchNorm exactly.
    /// </summary>
    private static MessagePassing Gcn(GraphRecipe recipe, QuantizerSlots q, string name, int input)
    {
        var linear = q.Map($"{name}.lin", input, recipe.Hidden, signedInput: true, LinearWeightInit.Glorot, quantizeInput: true);
        if (recipe.DegreeQuant is not null)
        {
            return new GcnConv(
                name, linear,
                q.DegreeQuantNodes($"{name}.xw", signed: true),
                q.DegreeQuantNodes($"{name}.aggregate", signed: true),
                q.DegreeQuantNormalization($"{name}.norm"),
                recipe.AddSelfLoops,
                messageQuantizer: q.DegreeQuantMessages($"{name}.message"));
        }

        return new GcnConv(name, linear, q.Product($"{name}.q_xw", recipe.Hidden), addSelfLoops: recipe.AddSelfLoops);
    }

    /// <summary>
    /// GAT as the A²Q authors' graph-level layer (lr_gat_mnist.py; no ZINC code is released): a map to heads × hidden
    /// (Glorot), attention over the graph's own edges unless the recipe adds self loops, heads concatenated. A²Q
    /// quantizes the map's input and the transformed features per node (q_gat_fea) and the edge logits per edge
    /// (q_gat_edge), both with the Nearest Neighbor Strategy, and the attention vector per head (q_gat_attn);
    /// Degree-Quant quantizes the same tensors, each message and the aggregate, protecting nodes and the edges out of them.
    /// </summary>
    private static MessagePassing Gat(GraphRecipe recipe, QuantizerSlots q, string name, int input, SeededRandom random)
    {
        var options = new GatConvOptions { Heads = recipe.Heads, Concat = true, SelfLoops = recipe.AddSelfLoops };
        var linear = q.Map($"{name}.lin", input, recipe.Heads * recipe.Hidden, signedInput: true, LinearWeightInit.Glorot, quantizeInput: true);
        return new GatConv(name, linear, recipe.Hidden, options, random, q.Gat(name, recipe.Heads));
    }

    /// <summary>Makes the quantizer of each slot for the recipe's method; FP32 leaves every slot empty.</summary>
    private sealed class QuantizerSlots(GraphRecipe recipe, ProtectiveMask? mask)
    {
        /// <summary>
        /// A linear map. FP32: a float Linear. A²Q: QLinear with a Nearest-Neighbor feature quantizer (initialised
        /// at 4 bits for a signed input, 5 for a ReLU output: the authors' "b + 1") and 4-bit per-column weights.
        /// Degree-Quant: input, weight and output quantized per tensor with no protective mask (DQ's GIN applies the
        /// mask in message passing only); a map whose input is not quantized (GIN layer 1's first) stays float.
        /// </summary>
        /// <param name="rowsAreGraphs">the map reads pooled graphs (the readout), which have no in-degree</param>
        public ILinearMap Map(string name, int inFeatures, int outFeatures, bool signedInput, LinearWeightInit weightInit, bool quantizeInput, bool rowsAreGraphs = false)
        {
            if (recipe.Quantization is { } a2q)
            {
                return new QLinear(
                    name, inFeatures, outFeatures,
                    quantizeInput ? NearestNeighborFeatures($"{name}.fea_quant", a2q.Bits + (signedInput ? 0f : 1f), rowsAreGraphs) : null,
                    a2q.WeightQuantizer(name, outFeatures),
                    weightInit: weightInit);
            }

            if (recipe.DegreeQuant is not null && quantizeInput)
            {
                return new QLinear(
                    name, inFeatures, outFeatures,
                    quantizeInput ? DegreeQuant($"{name}.input", signedInput, mask: null) : null,
                    DegreeQuant($"{name}.weight", signed: true, mask: null),
                    outputQuantizer: DegreeQuant($"{name}.output", signed: true, mask: null),
                    weightInit: weightInit);
            }

            return new Linear(name, inFeatures, outFeatures, bias: true, LinearBiasInit.PyTorchDefault, weightInit);
        }

        /// <summary>GAT's feature, attention, edge-logit (and for Degree-Quant aggregate) quantizers; null for FP32.</summary>
        public GatQuantizers? Gat(string name, int heads)
        {
            if (recipe.Quantization is { } a2q)
            {
                var nns = recipe.NearestNeighbor;
                return new GatQuantizers(
                    NearestNeighborFeatures($"{name}.q_gat_fea", a2q.Bits, rowsAreGraphs: false),
                    new A2qQuantizer($"{name}.q_gat_attn", heads, QuantizerAxis.PerRow, QuantizerGradient.Task, a2q.WeightBits,
                        a2q.AttentionStepInit.ToInit(), ParameterRole.AttentionStepSize, trainableBits: false, a2q.ClipInputGradient),
                    new NearestNeighborQuantizer($"{name}.q_gat_edge", nns.Groups, NearestNeighborSelection.AuthorsQmax, a2q.Bits,
                        a2q.AttentionStepInit.ToInit(), a2q.ClipInputGradient));
            }

            if (recipe.DegreeQuant is not null)
            {
                return new GatQuantizers(
                    DegreeQuant($"{name}.features", signed: true, mask),
                    DegreeQuant($"{name}.attention", signed: true, mask: null),
                    recipe.DegreeQuant.Quantizer($"{name}.logits", signed: true, mask, edgeSources: []),
                    DegreeQuant($"{name}.aggregate", signed: true, mask),
                    DegreeQuantMessages($"{name}.message"));
            }

            return null;
        }

        /// <summary>A²Q's X·W quantizer, or null for other methods.</summary>
        public A2qQuantizer? Product(string name, int columns) => recipe.Quantization?.ProductQuantizer(name, columns);

        /// <summary>A Degree-Quant tensor whose rows are nodes, protected by the mask; null for other methods.</summary>
        public DqQuantizer? DegreeQuantNodes(string name, bool signed) => recipe.DegreeQuant is null ? null : DegreeQuant(name, signed, mask);

        /// <summary>A GCN or GAT layer's per-edge messages (Degree-Quant, unless its recipe turns them off); null otherwise.</summary>
        public DqQuantizer? DegreeQuantMessages(string name) => recipe.DegreeQuant?.MessageQuantizer(name, mask);

        public DqQuantizer? DegreeQuantNormalization(string name) => recipe.DegreeQuant is null ? null : DegreeQuant(name, signed: false, mask: null);

        private DqQuantizer DegreeQuant(string name, bool signed, ProtectiveMask? mask) => recipe.DegreeQuant!.Quantizer(name, signed, mask);

        private NearestNeighborQuantizer NearestNeighborFeatures(string name, float initialBits, bool rowsAreGraphs)
        {
            var nns = recipe.NearestNeighbor;
            var selection = rowsAreGraphs && nns.Selection is NearestNeighborSelection.InDegreeBuckets or NearestNeighborSelection.InDegreeDirect
                ? NearestNeighborSelection.AuthorsQmax
                : nns.Selection;
            var a2q = recipe.Quantization!;
            return new NearestNeighborQuantizer(name, nns.Groups, selection, initialBits, a2q.FeatureStepInit.ToInit(), a2q.ClipInputGradient);
        }
    }
}
