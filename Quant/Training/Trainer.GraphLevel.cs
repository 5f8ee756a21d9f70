using System.Diagnostics;
using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Nn;
using A2Q.Quant.Optim;
using A2Q.Quant.Tensors;
using A2Q.Quant.Training.Checkpoints;

namespace A2Q.Quant.Training;

/// <summary>
/// Graph-level tasks: mini-batches of whole graphs (a fresh shuffle every epoch), one optimiser step per batch,
/// then an evaluation of the validation and test graphs after every epoch and the learning-rate schedule stepped
/// with the validation value. Every protocol is tracked: best test epoch (A²Q), best validation metric, and
/// minimum validation loss (Degree-Quant). A run is a pure function of (recipe, data, split, seed).
/// </summary>
public sealed partial class Trainer
{
    public GraphRunResult Run(
        GraphRecipe recipe, PreparedGraphData data, GraphSplit split, int seed, int? fold = null,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default, RunCheckpoint? checkpoint = null)
    {
        recipe.Validate();
        if (data.NodeInput != recipe.NodeInput)
        {
            throw new ArgumentException($"recipe {recipe.Key} reads {recipe.NodeInput} node inputs, the prepared data has {data.NodeInput}");
        }

        var dataset = data.Dataset;
        split.Validate(dataset.Count);
        bool classification = dataset.Task == GraphTask.Classification;
        if (classification != (recipe.Loss == LossKind.CrossEntropy))
        {
            throw new ArgumentException($"recipe {recipe.Key}: loss {recipe.Loss} does not fit {dataset.Name}'s {dataset.Task} task");
        }

        using var activity = QuantTelemetry.Source.StartActivity("quant.train");
        activity?.SetTag("a2q.recipe", recipe.Key);
        activity?.SetTag("a2q.seed", seed);
        activity?.SetTag("a2q.fold", fold);
        activity?.SetTag("a2q.epochs", recipe.Epochs);
        using var compute = new ComputeContext(threads);
        var wall = Stopwatch.StartNew();
        var inputs = data.Batcher.Inputs;
        GraphRunCheckpoint.Live Build()
        {
            var random = new SeededRandom((ulong)seed);
            var model = GraphModelFactory.Create(recipe, inputs.FeatureCount, inputs.TypeCount, data.Outputs, random);
            var optimizer = new Adam(ParameterGroups(model, decayOnly: null, recipe.LearningRate, recipe.WeightDecay, recipe.Quantization));
            var shuffle = new SeededRandom(random.NextUInt64());
            return new(recipe, seed, fold, model, optimizer, recipe.Schedule.Create(), random, shuffle, new GraphLoopState(recipe.Epochs, classification));
        }

        var live = Build();
        if (!Resume(checkpoint, live))
        {
            // The saved state failed part-way into the objects: start from freshly built ones.
            live = Build();
        }

        var (model, optimizer, scheduler, shuffle, loop) = (live.Model, live.Optimizer, live.Scheduler, live.Shuffle, live.Loop);
        int resumedAt = loop.EpochsDone;
        activity?.SetTag("a2q.resumed_at_epoch", resumedAt);
        var bits = new GraphBitTally(model, recipe);
        var validationBatches = data.Batcher.Batches(split.ValidationIndex, recipe.EffectiveEvaluationBatchSize).ToList();
        var testBatches = data.Batcher.Batches(split.TestIndex, recipe.EffectiveEvaluationBatchSize).ToList();
        var clock = new Stopwatch();
        for (int epoch = loop.EpochsDone; epoch < recipe.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            model.Train();
            double lossSum = 0;
            int graphs = 0;
            foreach (var batch in data.Batcher.Batches(split.TrainIndex, recipe.BatchSize, shuffle))
            {
                // A stop does not wait for the epoch (up to seconds on REDDIT-BINARY): the checkpoint holds the last whole one.
                cancellationToken.ThrowIfCancellationRequested();
                optimizer.ZeroGrad();
                using var tape = new Tape(compute);
                var output = model.Forward(tape, batch);
                var objective = Loss(output, batch);
                lossSum += objective.Value.Span[0] * batch.GraphCount;
                graphs += batch.GraphCount;
                if (bits.MemoryPenalty(tape) is { } penalty)
                {
                    // The authors back-propagate the penalty and the task loss separately; the gradients add.
                    objective = Functional.Add(objective, penalty);
                }

                tape.Backward(objective);
                optimizer.Step();
            }

            loop.TrainingLoss = lossSum / Math.Max(1, graphs);
            double afterTrain = clock.Elapsed.TotalMilliseconds;

            model.Eval();
            var validation = Evaluate(model, validationBatches, compute, recipe, bits: null);
            bits.Reset();
            var test = Evaluate(model, testBatches, compute, recipe, bits);
            scheduler?.Step(optimizer, classification ? validation.Loss : validation.Metric);
            double total = clock.Elapsed.TotalMilliseconds;
            loop.TrainMs[epoch] = afterTrain;
            loop.EvalMs[epoch] = total - afterTrain;
            loop.EpochMs[epoch] = total;
            if (loop.Best.Observe(epoch, validation.Metric, validation.Loss, test.Metric))
            {
                loop.BitsAtBestTest = bits.LayerBits();
            }

            loop.FinalTest = test.Metric;
            loop.EpochsDone = epoch + 1;
            if (checkpoint is not null && loop.EpochsDone < recipe.Epochs)
            {
                loop.PriorWallSeconds += wall.Elapsed.TotalSeconds;
                wall.Restart();
                Save(checkpoint, live);
            }

            // Every batch leaves tens of megabytes of large-object garbage (its merged graph, CSR operators, group
            // indices). The collector, sizing itself to the machine, let that grow past 20 GB over a 200-epoch
            // REDDIT-BINARY run; a background full collection per epoch keeps it to one epoch's worth.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
            QuantTelemetry.EpochDuration.Record(total);
            activity?.AddEvent(new ActivityEvent("epoch", tags: new ActivityTagsCollection
            {
                ["epoch"] = epoch,
                ["loss"] = loop.TrainingLoss,
                ["validation_metric"] = validation.Metric,
                ["test_metric"] = test.Metric,
            }));
            progress?.Report(new EpochReport(epoch, recipe.Epochs, (float)loop.TrainingLoss, double.NaN, validation.Metric, test.Metric, total));
        }

        var best = loop.Best;
        var bitsAtBestTest = loop.BitsAtBestTest;
        activity?.SetTag("a2q.best_test_metric", best.BestTest);
        double fixedBits = recipe.DegreeQuant?.Bits ?? 32;
        return new GraphRunResult
        {
            Seed = seed,
            Fold = fold,
            Epochs = recipe.Epochs,
            HigherIsBetter = classification,
            BestTestMetric = best.BestTest,
            BestTestEpoch = best.BestTestEpoch,
            TestMetricAtBestValidation = best.TestAtBestValidation,
            BestValidationEpoch = best.BestValidationEpoch,
            TestMetricAtMinValidationLoss = best.TestAtMinValidationLoss,
            MinValidationLossEpoch = best.MinValidationLossEpoch,
            FinalTestMetric = loop.FinalTest,
            FinalTrainingLoss = loop.TrainingLoss,
            AverageBits = bitsAtBestTest.Count > 0 ? bitsAtBestTest.Average(b => b.Bits) : fixedBits,
            LayerBits = bitsAtBestTest,
            TrainMillisecondsMedian = Median(loop.TrainMs),
            EvalMillisecondsMedian = Median(loop.EvalMs),
            EpochMillisecondsMedian = Median(loop.EpochMs),
            WallSeconds = loop.PriorWallSeconds + wall.Elapsed.TotalSeconds,
            ResumedAtEpoch = resumedAt,
            PeakActivationBytes = compute.Pool.PeakRentedBytes,
            ParameterChecksum = Checksum(model),
        };
    }

    /// <summary>
    /// Saves the state after an epoch. A full disk or a read-only directory costs the run its resumability, not
    /// its result: the failure is reported and training goes on.
    /// </summary>
    private static void Save(RunCheckpoint checkpoint, GraphRunCheckpoint.Live live)
    {
        try
        {
            checkpoint.Store.Save(GraphRunCheckpoint.Capture(checkpoint.Identity, live));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checkpoint.Log?.Invoke($"cannot save a checkpoint to {checkpoint.Store.Location} after epoch {live.Loop.EpochsDone}: {e.Message}; training goes on");
        }
    }

    /// <summary>
    /// Continues from the run's saved state when there is one for this identity; a damaged or foreign state is
    /// reported and deleted, and the run starts from epoch 0. False when restoring failed after it had begun to
    /// change <paramref name="live"/> (the caller builds fresh objects).
    /// </summary>
    private static bool Resume(RunCheckpoint? checkpoint, GraphRunCheckpoint.Live live)
    {
        if (checkpoint is null)
        {
            return true;
        }

        try
        {
            if (checkpoint.Store.Load() is not { } payload)
            {
                return true;
            }

            if (GraphRunCheckpoint.TryRestore(payload, checkpoint.Identity, live))
            {
                checkpoint.Log?.Invoke($"resuming after epoch {live.Loop.EpochsDone} of {live.Recipe.Epochs} from {checkpoint.Store.Location}");
            }
            else
            {
                checkpoint.Log?.Invoke($"{checkpoint.Store.Location} belongs to another run or recipe; starting from epoch 0");
                checkpoint.Discard();
            }

            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            checkpoint.Log?.Invoke($"{e.Message}; starting from epoch 0");
            checkpoint.Discard();
            return false;
        }
    }

    /// <summary>Cross-entropy over the batch's graphs (log_softmax + nll_loss), or the MAE of the predictions.</summary>
    private static Variable Loss(Variable output, GraphBatch batch) => batch.ClassLabels is { } labels
        ? GraphCrossEntropy(output, labels)
        : Functional.L1Loss(output, new Tensor(batch.GraphCount, 1, batch.Targets!));

    /// <summary>Mean cross-entropy over every graph of a batch (each row of the output is one graph).</summary>
    private static Variable GraphCrossEntropy(Variable logits, int[] labels) =>
        Functional.CrossEntropy(logits, labels, Enumerable.Range(0, labels.Length).ToArray());

    /// <summary>
    /// One pass over evaluation batches without gradients. Classification: accuracy over all graphs and the mean
    /// cross-entropy per graph (DQ's validation loss). Regression: the MAE, as the mean of per-batch MAEs when the
    /// recipe asks (the authors' ZINC script), and the same value as the loss.
    /// </summary>
    private static (double Metric, double Loss) Evaluate(GraphLevelModel model, List<GraphBatch> batches, ComputeContext compute, GraphRecipe recipe, GraphBitTally? bits)
    {
        double correct = 0, lossSum = 0, errorSum = 0, batchMaeSum = 0;
        int graphs = 0;
        foreach (var batch in batches)
        {
            using var tape = new Tape(compute, recordGradients: false);
            var output = model.Forward(tape, batch);
            bits?.Add();
            graphs += batch.GraphCount;
            if (batch.ClassLabels is { } labels)
            {
                lossSum += GraphCrossEntropy(output, labels).Value.Span[0] * batch.GraphCount;
                var predictions = new int[batch.GraphCount];
                ArgMaxRows(output.Value, predictions);
                for (int g = 0; g < predictions.Length; g++)
                {
                    correct += predictions[g] == labels[g] ? 1 : 0;
                }
            }
            else
            {
                double batchError = 0;
                var y = output.Value.Span;
                for (int g = 0; g < batch.GraphCount; g++)
                {
                    batchError += Math.Abs(y[g] - batch.Targets![g]);
                }

                errorSum += batchError;
                batchMaeSum += batchError / batch.GraphCount;
            }
        }

        if (graphs == 0)
        {
            return (double.NaN, double.NaN);
        }

        if (batches[0].ClassLabels is not null)
        {
            return (correct / graphs, lossSum / graphs);
        }

        double mae = recipe.MeanAbsoluteErrorPerBatch ? batchMaeSum / batches.Count : errorSum / graphs;
        return (mae, mae);
    }
}
