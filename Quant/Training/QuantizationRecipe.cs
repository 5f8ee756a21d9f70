using A2Q.Quant.Quantization;

namespace A2Q.Quant.Training;

/// <summary>
/// The A²Q part of a recipe: initial bitwidths and step sizes per quantizer kind, the learning rate of each
/// parameter role (the authors' --lr_quant_* flags), the memory penalty, and the switches the ablations flip.
/// Defaults are the authors' node-level GCN values (paper/REPRODUCTION.md §0–1).
/// </summary>
public sealed record QuantizationRecipe
{
    /// <summary>Initial (signed) feature bitwidth; an unsigned (post-ReLU) input starts one higher ("b + 1").</summary>
    public float Bits { get; init; } = 4f;

    /// <summary>Layers (1-based) whose quantized input is treated as unsigned, initialised at Bits + 1.</summary>
    public int[] UnsignedFeatureLayers { get; init; } = [];

    /// <summary>Layers (1-based) whose input features are quantized per node; the others stay float (0/1 inputs).</summary>
    public int[] QuantizedFeatureLayers { get; init; } = [2];

    public StepSizeInitRecipe FeatureStepInit { get; init; } = new() { Mean = 0.01f, Std = 0.01f };

    public StepSizeInitRecipe WeightStepInit { get; init; } = new() { Mean = 0.1f, Std = 0.2f };

    public StepSizeInitRecipe ProductStepInit { get; init; } = new() { Mean = 0.01f, Std = 0.01f };

    /// <summary>GAT: the per-node quantizer on the transformed features (q_gat_fea).</summary>
    public StepSizeInitRecipe AttentionFeatureStepInit { get; init; } = new() { Mean = 0.001f, Std = 0.001f };

    /// <summary>GAT: attention vectors and edge logits (q_gat_attn, q_gat_edge).</summary>
    public StepSizeInitRecipe AttentionStepInit { get; init; } = new() { Mean = 0.1f, Std = 0.1f };

    /// <summary>Quantize X·W per feature column before aggregating (GCN; the authors' q_xw).</summary>
    public bool QuantizeProduct { get; init; } = true;

    public float FeatureStepLearningRate { get; init; } = 0.04f;

    public float WeightStepLearningRate { get; init; } = 0.02f;

    public float ProductStepLearningRate { get; init; } = 0.008f;

    public float BitLearningRate { get; init; } = 0.1f;

    public float AttentionStepLearningRate { get; init; } = 0.005f;

    public float AttentionFeatureStepLearningRate { get; init; } = 0.05f;

    /// <summary>λ of the memory penalty (--a_loss); 0 switches it off.</summary>
    public float MemoryPenalty { get; init; } = 2.5f;

    /// <summary>M_target in KB (--a_storage).</summary>
    public float MemoryTargetKilobytes { get; init; } = 5f;

    public MemoryPenaltyForm MemoryPenaltyForm { get; init; } = MemoryPenaltyForm.OneSided;

    /// <summary>
    /// Scale of each layer's bit sum in the memory M: the hidden width for every layer (the authors' code) or
    /// the quantized input's feature dimension (dim^l of Eq. 5).
    /// </summary>
    public bool MemoryScaleIsFeatureDimension { get; init; }

    /// <summary>GAT: also count the fixed 4-bit q_gat_fea bits × heads × hidden, as gat_nc_lsb.py does.</summary>
    public bool MemoryCountsFixedAttentionFeatureBits { get; init; } = true;

    /// <summary>Local Gradient (the authors') or the task gradient ("Global", Table 3) for feature quantizers.</summary>
    public QuantizerGradient FeatureGradient { get; init; } = QuantizerGradient.LocalError;

    /// <summary>Table 3's switches: learn feature step sizes and/or bitwidths (no-lr, no-lr-b, no-lr-s, lr-all).</summary>
    public bool TrainFeatureSteps { get; init; } = true;

    public bool TrainFeatureBits { get; init; } = true;

    /// <summary>
    /// Learn the weight step sizes (the authors always do). Off only for Table 3's controls that read the appendix's
    /// no-lr ("initialize the bitwidth and the step size, but do not train them") as every step size.
    /// </summary>
    public bool TrainWeightSteps { get; init; } = true;

    /// <summary>Learn the X·W step sizes (the authors always do); off with <see cref="TrainWeightSteps"/> in those controls.</summary>
    public bool TrainProductSteps { get; init; } = true;

    /// <summary>
    /// Figure 5's "manual": each node's feature bitwidth assigned by its in-degree rank instead of <see cref="Bits"/>,
    /// in bits as the authors count them (round(|b|) − 1), so the stored b is one higher for every layer. With
    /// <see cref="TrainFeatureBits"/> false only the step sizes learn (paper §5, A.6.1).
    /// </summary>
    public InDegreeBitAssignment? FeatureBitsByInDegree { get; init; }

    /// <summary>Pass input gradients only inside the clipping range (the paper's indicator; the code passes all).</summary>
    public bool ClipInputGradient { get; init; }

    /// <summary>Bitwidth of weights, X·W and GAT's fixed quantizers.</summary>
    public float WeightBits { get; init; } = 4f;

    /// <summary>A weight quantizer: one step per output unit, <see cref="WeightBits"/> fixed, the task gradient.</summary>
    public A2qQuantizer WeightQuantizer(string layerName, int outFeatures) => new(
        $"{layerName}.weight_quant", outFeatures, QuantizerAxis.PerColumn, QuantizerGradient.Task, WeightBits, WeightStepInit.ToInit(),
        A2Q.Quant.Autograd.ParameterRole.WeightStepSize, trainableBits: false, ClipInputGradient);

    /// <summary>
    /// The X·W quantizer (q_xw): one step per feature column, <see cref="WeightBits"/> fixed, stepped by the sign of its own
    /// error (paper/REPRODUCTION.md §0.2); null when the recipe leaves X·W in float.
    /// </summary>
    public A2qQuantizer? ProductQuantizer(string name, int columns) => QuantizeProduct
        ? new A2qQuantizer(name, columns, QuantizerAxis.PerColumn, QuantizerGradient.LocalError, WeightBits, ProductStepInit.ToInit(),
            A2Q.Quant.Autograd.ParameterRole.ProductStepSize, trainableBits: false, ClipInputGradient)
        : null;
}
