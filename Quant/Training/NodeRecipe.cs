namespace A2Q.Quant.Training;

/// <summary>
/// Everything that defines a node-classification run except its seed: data, architecture and
/// optimisation. Recipes are data (Training/Recipes/*.yaml), one per dataset × model × method × variant;
/// the Trainer has no per-task code.
/// </summary>
public sealed record NodeRecipe
{
    /// <summary>Planetoid dataset name (Cora, CiteSeer, PubMed).</summary>
    public string Dataset { get; init; } = "";

    public Architecture Model { get; init; }

    /// <summary>FP32 here; the quantization methods add DQ, A2Q and ablations.</summary>
    public string Method { get; init; } = "FP32";

    /// <summary>"authors" (the paper's settings) or another named variant such as "pytorch-bench".</summary>
    public string Variant { get; init; } = "authors";

    /// <summary>Where the values come from (a README command, a paper section).</summary>
    public string Source { get; init; } = "";

    public int Epochs { get; init; } = 200;

    public float LearningRate { get; init; } = 0.01f;

    public float WeightDecay { get; init; }

    /// <summary>Apply weight decay to the first layer only (Kipf's GCN); otherwise to every model parameter.</summary>
    public bool WeightDecayFirstLayerOnly { get; init; }

    public int Layers { get; init; } = 2;

    /// <summary>Hidden width per head.</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>Attention heads of the hidden GAT layers.</summary>
    public int Heads { get; init; } = 1;

    /// <summary>Attention heads of the output GAT layer (averaged).</summary>
    public int OutputHeads { get; init; } = 1;

    public float Dropout { get; init; } = 0.5f;

    public float InputDropout { get; init; }

    public float AttentionDropout { get; init; }

    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>
    /// Width of the last layer when it differs from the class count (0 = the class count). The A²Q FP32
    /// GIN path ends in Linear(hidden, hidden), so it scores 16 "classes" of which only C are ever labels.
    /// </summary>
    public int LogitsWidth { get; init; }

    /// <summary>ReLU on the logits before the loss (the A²Q node-level GIN does this).</summary>
    public bool ReluOnLogits { get; init; }

    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>Residual connections around the hidden layers (Tables 13/14's "with skip connection").</summary>
    public bool SkipConnections { get; init; }

    /// <summary>Row-normalise the input features (PyG NormalizeFeatures); the A²Q scripts use raw 0/1 features.</summary>
    public bool NormalizeFeatures { get; init; }

    /// <summary>GCN: bias inside the linear map, before aggregation (the A²Q qGCNConv).</summary>
    public bool BiasBeforeAggregation { get; init; }

    /// <summary>GIN: ε trainable (init 0) or fixed at 0.</summary>
    public bool GinTrainEpsilon { get; init; } = true;

    /// <summary>GIN: sum (default), mean or max over the in-neighbours (Table 15).</summary>
    public Nn.Conv.GinAggregation GinAggregation { get; init; }

    /// <summary>GIN: hidden widths inside each layer's MLP; empty means one Linear per layer (the A²Q GIN).</summary>
    public int[] GinMlpHidden { get; init; } = [];

    /// <summary>GAT: the A²Q layer's extra bias in the linear map and its attention initialisation.</summary>
    public bool GatAuthorsLayer { get; init; }

    /// <summary>
    /// Bi-GCN (Wang et al. 2021; the paper's Table 16 baseline): every layer's input binarized per node and its
    /// weights per output unit, 1 bit each, after a batch normalisation of the input without learned scale.
    /// </summary>
    public bool Binarize { get; init; }

    /// <summary>The A²Q quantization settings; null for full precision.</summary>
    public QuantizationRecipe? Quantization { get; init; }

    /// <summary>Degree-Quant settings; null unless this is a DQ baseline.</summary>
    public DegreeQuantRecipe? DegreeQuant { get; init; }

    /// <summary>The protocol the paper's number for this cell uses; both are always recorded.</summary>
    public EvaluationProtocol Protocol { get; init; } = EvaluationProtocol.BestTestEpoch;

    public string Key => $"{Dataset}/{Model}/{Method}/{Variant}";

    /// <summary>Throws with the recipe key and the field when a value is out of range.</summary>
    public void Validate()
    {
        void Fail(string field, object value, string rule) =>
            throw new ArgumentException($"recipe {Key}: {field} = {value} {rule}");

        if (string.IsNullOrWhiteSpace(Dataset))
        {
            Fail("dataset", "''", "must name a dataset");
        }

        if (Epochs < 1)
        {
            Fail("epochs", Epochs, "must be at least 1");
        }

        if (Layers < 1)
        {
            Fail("layers", Layers, "must be at least 1");
        }

        if (Hidden < 1)
        {
            Fail("hidden", Hidden, "must be at least 1");
        }

        if (Quantization is not null && DegreeQuant is not null)
        {
            Fail("quantization", "A2Q and DegreeQuant", "cannot both be set");
        }

        foreach (var (field, assignment) in new[] { ("quantization.featureBitsByInDegree", Quantization?.FeatureBitsByInDegree), ("degreeQuant.nodeBitsByInDegree", DegreeQuant?.NodeBitsByInDegree) })
        {
            try
            {
                assignment?.Validate();
            }
            catch (ArgumentException e)
            {
                Fail(field, assignment!, e.Message);
            }
        }

        if (DegreeQuant is { QuantizeFirstLayerInput: true } && Model is not (Architecture.GCN or Architecture.GAT))
        {
            Fail("degreeQuant.quantizeFirstLayerInput", true, $"applies to GCN and GAT (a {Model} quantizes its first layer's input otherwise or not at all)");
        }

        if (LogitsWidth < 0)
        {
            Fail("logitsWidth", LogitsWidth, "must not be negative");
        }

        if (Heads < 1 || OutputHeads < 1)
        {
            Fail("heads", $"{Heads}/{OutputHeads}", "must be at least 1");
        }

        if (LearningRate <= 0f)
        {
            Fail("learningRate", LearningRate, "must be positive");
        }

        if (WeightDecay < 0f)
        {
            Fail("weightDecay", WeightDecay, "must not be negative");
        }

        foreach (var (name, p) in new[] { ("dropout", Dropout), ("inputDropout", InputDropout), ("attentionDropout", AttentionDropout) })
        {
            if (p is < 0f or >= 1f)
            {
                Fail(name, p, "must be in [0, 1)");
            }
        }
    }
}
