using A2Q.Quant.Autograd;
using A2Q.Quant.Data.Batching;

namespace A2Q.Quant.Training;

/// <summary>
/// Everything that defines a graph-level run (REDDIT-BINARY, ZINC, MNIST, CIFAR10) except its seed and its fold:
/// inputs, architecture, mini-batching and optimisation. Recipes are data (Training/Recipes/graph-*.yaml); the
/// one <see cref="Trainer"/> runs them with no per-task code.
/// </summary>
public sealed record GraphRecipe
{
    /// <summary>REDDIT-BINARY, ZINC, MNIST or CIFAR10.</summary>
    public string Dataset { get; init; } = "";

    public Architecture Model { get; init; }

    /// <summary>FP32, DQ, A2Q or an ablation name.</summary>
    public string Method { get; init; } = "FP32";

    public string Variant { get; init; } = "authors";

    /// <summary>Where the values come from (a README command, a paper section).</summary>
    public string Source { get; init; } = "";

    public int Epochs { get; init; } = 200;

    /// <summary>Graphs per training batch (the authors: 128; their ZINC script 256).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Graphs per evaluation batch; 0 = <see cref="BatchSize"/>. Only per-batch averages depend on it.</summary>
    public int EvaluationBatchSize { get; init; }

    /// <summary>Runs of a dataset with a standard split (ZINC: 10); cross-validated datasets run one per fold.</summary>
    public int Runs { get; init; } = 10;

    public float LearningRate { get; init; } = 0.01f;

    public float WeightDecay { get; init; }

    public LearningRateScheduleRecipe Schedule { get; init; } = new();

    public NodeInputKind NodeInput { get; init; } = NodeInputKind.StandardizedDegree;

    /// <summary>Rows of the node-type embedding (ZINC: 28 atom types); the data's own maximum + 1 when larger.</summary>
    public int EmbeddingTypes { get; init; }

    /// <summary>Message-passing layers.</summary>
    public int Layers { get; init; } = 5;

    /// <summary>Hidden width (GAT: per head).</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>GAT heads of the hidden layers.</summary>
    public int Heads { get; init; } = 1;

    /// <summary>GIN: ε trainable (init 0).</summary>
    public bool GinTrainEpsilon { get; init; } = true;

    /// <summary>GCN/GAT: add self loops to the adjacency (the authors' graph-level convolutions do not).</summary>
    public bool AddSelfLoops { get; init; }

    /// <summary>BatchNorm after each message-passing layer.</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>ReLU after the BatchNorm (GCN/GAT; the GIN MLP already ends in ReLU before its BatchNorm).</summary>
    public bool ReluAfterLayer { get; init; }

    /// <summary>Add each layer's input to its output (the authors' GCN and GAT for MNIST and ZINC).</summary>
    public bool Residual { get; init; }

    public PoolingMode Readout { get; init; } = PoolingMode.Mean;

    /// <summary>Dropout between the two readout maps (Degree-Quant's GIN: 0.5).</summary>
    public float ReadoutDropout { get; init; }

    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>
    /// Report the MAE as the mean of per-batch MAEs, as the authors' ZINC script does (batches of unequal size
    /// weigh alike); otherwise the MAE over all graphs.
    /// </summary>
    public bool MeanAbsoluteErrorPerBatch { get; init; } = true;

    /// <summary>The A²Q settings (feature quantizers use the Nearest Neighbor Strategy); null for FP32 and DQ.</summary>
    public QuantizationRecipe? Quantization { get; init; }

    /// <summary>Nearest Neighbor Strategy settings of A²Q's graph-level feature quantizers.</summary>
    public NearestNeighborRecipe NearestNeighbor { get; init; } = new();

    public DegreeQuantRecipe? DegreeQuant { get; init; }

    /// <summary>The protocol the paper's cell uses; every protocol is recorded.</summary>
    public EvaluationProtocol Protocol { get; init; } = EvaluationProtocol.BestTestEpoch;

    public string Key => $"{Dataset}/{Model}/{Method}/{Variant}";

    public int EffectiveEvaluationBatchSize => EvaluationBatchSize > 0 ? EvaluationBatchSize : BatchSize;

    /// <summary>Throws with the recipe key and the field when a value is out of range.</summary>
    public void Validate()
    {
        void Fail(string field, object value, string rule) =>
            throw new ArgumentException($"recipe {Key}: {field} = {value} {rule}");

        if (string.IsNullOrWhiteSpace(Dataset))
        {
            Fail("dataset", "''", "must name a dataset");
        }

        foreach (var (field, value) in new[] { ("epochs", Epochs), ("batchSize", BatchSize), ("runs", Runs), ("layers", Layers), ("hidden", Hidden), ("heads", Heads) })
        {
            if (value < 1)
            {
                Fail(field, value, "must be at least 1");
            }
        }

        if (EvaluationBatchSize < 0)
        {
            Fail("evaluationBatchSize", EvaluationBatchSize, "must not be negative");
        }

        if (DegreeQuant is { MaskPerLayer: true })
        {
            Fail("degreeQuant.maskPerLayer", true, "applies to node-level recipes only (graph-level models draw one mask per batch)");
        }

        if (DegreeQuant is { QuantizeFirstLayerInput: true })
        {
            Fail("degreeQuant.quantizeFirstLayerInput", true, "applies to node-level recipes only (graph-level models quantize each layer's dense input)");
        }

        if (LearningRate <= 0f)
        {
            Fail("learningRate", LearningRate, "must be positive");
        }

        if (WeightDecay < 0f)
        {
            Fail("weightDecay", WeightDecay, "must not be negative");
        }

        if (ReadoutDropout is < 0f or >= 1f)
        {
            Fail("readoutDropout", ReadoutDropout, "must be in [0, 1)");
        }

        if (Quantization is not null && DegreeQuant is not null)
        {
            Fail("quantization", "A2Q and DegreeQuant", "cannot both be set");
        }

        if (Loss == LossKind.CrossEntropyOnSoftmax)
        {
            Fail("loss", Loss, "is a node-level GAT quirk; graph-level recipes use CrossEntropy or L1");
        }

        if (NodeInput == NodeInputKind.NodeTypes && EmbeddingTypes < 1)
        {
            Fail("embeddingTypes", EmbeddingTypes, "must be at least 1 when the node input is a type");
        }

        if (NearestNeighbor.Groups < 1)
        {
            Fail("nearestNeighbor.groups", NearestNeighbor.Groups, "must be at least 1");
        }

        try
        {
            Schedule.Create();
        }
        catch (ArgumentException e)
        {
            Fail("schedule", Schedule.Kind, e.Message);
        }
    }
}
