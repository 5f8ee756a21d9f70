using System.Diagnostics;
using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Optim;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training;

/// <summary>
/// The one trainer. Node-level tasks (this file): full-batch, one optimiser step per epoch, an evaluation
/// pass after every epoch, both protocols tracked. Graph-level tasks: Trainer.GraphLevel.cs. A run is a pure function of (recipe, data, seed):
/// the seed drives initialisation and every dropout mask, and kernels do not depend on the thread count.
/// </summary>
public sealed partial class Trainer
{
    private readonly int threads;

    public Trainer(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        this.threads = threads;
    }

    public NodeRunResult Run(NodeRecipe recipe, PreparedNodeData data, int seed, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        recipe.Validate();
        if (data.NormalizeFeatures != recipe.NormalizeFeatures)
        {
            throw new ArgumentException($"recipe {recipe.Key} asks for normalizeFeatures = {recipe.NormalizeFeatures}, the prepared data has {data.NormalizeFeatures}");
        }

        var dataset = data.Dataset;
        using var activity = QuantTelemetry.Source.StartActivity("quant.train");
        activity?.SetTag("a2q.recipe", recipe.Key);
        activity?.SetTag("a2q.seed", seed);
        activity?.SetTag("a2q.epochs", recipe.Epochs);
        using var compute = new ComputeContext(threads);
        var random = new SeededRandom((ulong)seed);
        var wall = Stopwatch.StartNew();
        var model = NodeModelFactory.Create(recipe, data.Graph, dataset.FeatureCount, dataset.ClassCount, random);
        var optimizer = new Adam(ParameterGroups(recipe, model));
        var memory = MemoryTerms(recipe, model);
        IReadOnlyList<QuantizedLayerBits> bitsAtBestTest = [], bitsAtBestValidation = [];

        var trainMs = new double[recipe.Epochs];
        var evalMs = new double[recipe.Epochs];
        var epochMs = new double[recipe.Epochs];
        double bestTest = -1, bestValidation = -1, testAtBestValidation = 0, finalTest = 0;
        int bestTestEpoch = -1, bestValidationEpoch = -1;
        float loss = float.NaN;
        var predictions = new int[dataset.NodeCount];
        var clock = new Stopwatch();
        for (int epoch = 0; epoch < recipe.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            model.Train();
            optimizer.ZeroGrad();
            using (var tape = new Tape(compute))
            {
                var logits = model.Forward(tape, data.Features, data.Graph);
                var objective = Loss(recipe.Loss, logits, dataset.Labels, dataset.TrainIndex);
                loss = objective.Value.Span[0];
                if (memory is { } m)
                {
                    // The authors back-propagate the penalty and the task loss separately; the gradients add.
                    var q = recipe.Quantization!;
                    objective = Functional.Add(objective, Functional.MemoryPenalty(tape, m.Terms, q.MemoryTargetKilobytes, q.MemoryPenalty, q.MemoryPenaltyForm, m.OffsetKilobytes));
                }

                tape.Backward(objective);
            }

            optimizer.Step();
            double afterTrain = clock.Elapsed.TotalMilliseconds;

            model.Eval();
            using (var tape = new Tape(compute, recordGradients: false))
            {
                var logits = model.Forward(tape, data.Features, data.Graph);
                ArgMaxRows(logits.Value, predictions);
            }

            double train = Accuracy(predictions, dataset.Labels, dataset.TrainIndex);
            double validation = Accuracy(predictions, dataset.Labels, dataset.ValidationIndex);
            double test = Accuracy(predictions, dataset.Labels, dataset.TestIndex);
            double total = clock.Elapsed.TotalMilliseconds;
            trainMs[epoch] = afterTrain;
            evalMs[epoch] = total - afterTrain;
            epochMs[epoch] = total;

            if (test > bestTest)
            {
                bestTest = test;
                bestTestEpoch = epoch;
                bitsAtBestTest = BitStatistics.Snapshot(model);
            }

            if (validation > bestValidation)
            {
                bestValidation = validation;
                bestValidationEpoch = epoch;
                testAtBestValidation = test;
                bitsAtBestValidation = BitStatistics.Snapshot(model);
            }

            finalTest = test;
            QuantTelemetry.EpochDuration.Record(total);
            activity?.AddEvent(new System.Diagnostics.ActivityEvent("epoch", tags: new System.Diagnostics.ActivityTagsCollection
            {
                ["epoch"] = epoch,
                ["loss"] = loss,
                ["validation_accuracy"] = validation,
                ["test_accuracy"] = test,
            }));
            progress?.Report(new EpochReport(epoch, recipe.Epochs, loss, train, validation, test, total));
        }

        bool quantized = bitsAtBestTest.Count > 0;
        activity?.SetTag("a2q.best_test_accuracy", bestTest);

        // Degree-Quant quantizes every feature at the same width: its rows read b bits and 32/b (8x for INT4);
        // Figure 5's mixed-precision DQ reads the mean of its per-node widths.
        // Bi-GCN's features are 1 bit each (plus a float scale per node, which Table 16's 32x leaves out).
        double fixedBits = recipe.Binarize ? 1 : recipe.DegreeQuant?.AverageFeatureBits(data.Graph.Graph.InDegrees()) ?? 32;
        double averageBits = quantized ? BitStatistics.AverageBits(bitsAtBestTest) : fixedBits;
        int hiddenWidth = recipe.Model == Architecture.GAT ? recipe.Hidden * recipe.Heads : recipe.Hidden;
        return new NodeRunResult
        {
            AverageBits = averageBits,
            AverageBitsAtBestValidation = quantized ? BitStatistics.AverageBits(bitsAtBestValidation) : fixedBits,
            DimensionWeightedAverageBits = quantized ? BitStatistics.DimensionWeightedAverageBits(bitsAtBestTest) : fixedBits,
            CompressionRatio = quantized ? BitStatistics.CompressionRatio(averageBits, dataset.NodeCount, dataset.FeatureCount, hiddenWidth, recipe.Layers) : 32 / fixedBits,
            LayerBits = bitsAtBestTest,
            Seed = seed,
            Epochs = recipe.Epochs,
            BestTestAccuracy = bestTest,
            BestTestEpoch = bestTestEpoch,
            TestAccuracyAtBestValidation = testAtBestValidation,
            BestValidationAccuracy = bestValidation,
            BestValidationEpoch = bestValidationEpoch,
            FinalTestAccuracy = finalTest,
            FinalTrainingLoss = loss,
            TrainMillisecondsMedian = Median(trainMs),
            EvalMillisecondsMedian = Median(evalMs),
            EpochMillisecondsMedian = Median(epochMs),
            WallSeconds = wall.Elapsed.TotalSeconds,
            PeakActivationBytes = compute.Pool.PeakRentedBytes,
            ParameterChecksum = Checksum(model),
        };
    }

    /// <summary>
    /// Adam groups by parameter role, as the authors' scripts build them: model parameters (weights, biases,
    /// attention vectors, ε, BatchNorm) at the recipe's learning rate and weight decay (Kipf's GCN: decay on
    /// the first layer only); each quantizer role at its own learning rate and no decay. Fixed bitwidths, and
    /// the feature steps or bits an ablation freezes, are in no group.
    /// </summary>
    internal static IEnumerable<ParameterGroup> ParameterGroups(NodeRecipe recipe, NodeClassifier model) =>
        ParameterGroups(
            model, recipe.WeightDecayFirstLayerOnly ? model.Layers[0].Parameters().ToList() : null, recipe.LearningRate, recipe.WeightDecay, recipe.Quantization);

    /// <param name="decayOnly">when given, only these model parameters decay (Kipf's GCN: the first layer)</param>
    internal static IEnumerable<ParameterGroup> ParameterGroups(
        Module model, IReadOnlyList<Parameter>? decayOnly, float learningRate, float weightDecay, QuantizationRecipe? quantization)
    {
        ParameterRole[] modelRoles =
            [ParameterRole.Weight, ParameterRole.Bias, ParameterRole.Attention, ParameterRole.Epsilon, ParameterRole.Normalization, ParameterRole.Embedding];
        var all = model.Parameters().ToList();
        var groups = new List<ParameterGroup>();
        if (decayOnly is not null)
        {
            var first = decayOnly.Where(p => modelRoles.Contains(p.Role)).ToList();
            groups.Add(new ParameterGroup("first-layer", first, learningRate, weightDecay));
            groups.Add(new ParameterGroup("other-layers", all.Where(p => modelRoles.Contains(p.Role)).Except(first).ToList(), learningRate, 0f));
        }
        else
        {
            groups.Add(ParameterGroup.ByRole("model", all, learningRate, weightDecay, modelRoles));
        }

        if (quantization is { } q)
        {
            if (q.TrainWeightSteps)
            {
                groups.Add(ParameterGroup.ByRole("weight-steps", all, q.WeightStepLearningRate, 0f, ParameterRole.WeightStepSize));
            }

            if (q.TrainProductSteps)
            {
                groups.Add(ParameterGroup.ByRole("product-steps", all, q.ProductStepLearningRate, 0f, ParameterRole.ProductStepSize));
            }

            groups.Add(ParameterGroup.ByRole("attention-steps", all, q.AttentionStepLearningRate, 0f, ParameterRole.AttentionStepSize));
            groups.Add(ParameterGroup.ByRole("attention-feature-steps", all, q.AttentionFeatureStepLearningRate, 0f, ParameterRole.AttentionFeatureStepSize));
            if (q.TrainFeatureSteps)
            {
                groups.Add(ParameterGroup.ByRole("feature-steps", all, q.FeatureStepLearningRate, 0f, ParameterRole.FeatureStepSize));
            }

            if (q.TrainFeatureBits)
            {
                groups.Add(ParameterGroup.ByRole("feature-bits", all, q.BitLearningRate, 0f, ParameterRole.FeatureBitWidth));
            }
        }

        return groups.Where(g => g.Parameters.Count > 0);
    }

    /// <summary>
    /// What the memory penalty sums (paper Eq. 5; the authors' parameter_stastic): each learnable feature
    /// quantizer's bits, scaled by the hidden width (their code) or its feature dimension (Eq. 5), plus for
    /// GAT the fixed 4-bit q_gat_fea bits × heads × hidden the authors also count.
    /// </summary>
    private static (IReadOnlyList<(Variable BitWidths, float Scale)> Terms, float OffsetKilobytes)? MemoryTerms(NodeRecipe recipe, NodeClassifier model)
    {
        var q = recipe.Quantization;
        if (q is null || q.MemoryPenalty == 0f)
        {
            return null;
        }

        var terms = BitStatistics.FeatureQuantizers(model)
            .Select(f => ((Variable)f.Quantizer.BitWidth, q.MemoryScaleIsFeatureDimension ? f.FeatureDimension : (float)recipe.Hidden))
            .ToList();
        float offset = 0f;
        if (q.MemoryCountsFixedAttentionFeatureBits)
        {
            foreach (var gat in model.Modules().OfType<GatConv>())
            {
                if (gat.Quantizers is { Features: A2qQuantizer gq })
                {
                    offset += (float)(recipe.Heads * recipe.Hidden * gq.BitWidth.Value.ToArray().Sum(b => Math.Abs((double)b)) / 8192.0);
                }
            }
        }

        return (terms, offset);
    }

    private static Variable Loss(LossKind kind, Variable logits, int[] labels, int[] rows) => kind switch
    {
        LossKind.CrossEntropy => Functional.CrossEntropy(logits, labels, rows),
        LossKind.CrossEntropyOnSoftmax => Functional.CrossEntropy(Functional.Softmax(logits), labels, rows),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    /// <summary>Index of the largest logit per row; the first one on ties (as torch.argmax).</summary>
    internal static void ArgMaxRows(Tensor logits, int[] predictions)
    {
        for (int i = 0; i < logits.Rows; i++)
        {
            var row = logits.Row(i);
            int best = 0;
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] > row[best])
                {
                    best = j;
                }
            }

            predictions[i] = best;
        }
    }

    private static double Accuracy(int[] predictions, int[] labels, int[] rows)
    {
        int correct = 0;
        foreach (int i in rows)
        {
            if (predictions[i] == labels[i])
            {
                correct++;
            }
        }

        return rows.Length == 0 ? 0 : (double)correct / rows.Length;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static ulong Checksum(Module model)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var p in model.Parameters())
        {
            foreach (float v in p.Value.Span)
            {
                hash = (hash ^ BitConverter.SingleToUInt32Bits(v)) * 1099511628211UL;
            }
        }

        return hash;
    }
}
