using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Folds;
using A2Q.Quant.Training;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client train</c> on a graph-level dataset: the folds of a cross-validated dataset (REDDIT-BINARY: fold k
/// runs with seed first-seed + k) or repeated runs on a standard split (ZINC), each printed as it finishes, then
/// mean ± std under every protocol, the bits, ms per epoch and the total wall time.
/// </summary>
internal static class GraphTraining
{
    public static int Execute(TrainRequest request, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        if (request.ExportDirectory is not null)
        {
            throw new UsageException("--export writes node-level models for the simulator; graph-level runs have no export yet");
        }

        string datasetName = GraphDatasets.CanonicalName(request.Dataset);
        var book = request.RecipeFile is null ? RecipeBook.Embedded() : RecipeBook.FromFile(request.RecipeFile);
        var recipe = book.FindGraph(datasetName, request.Model, request.Method, request.Variant);
        if (request.Epochs is { } e)
        {
            recipe = recipe with { Epochs = e };
        }

        var load = Stopwatch.StartNew();
        var dataset = GraphDatasets.Load(request.DataDirectory, datasetName);
        var prepared = new PreparedGraphData(dataset, recipe.NodeInput, recipe.EmbeddingTypes);
        var runs = Runs(request, dataset);
        log.WriteLine(
            $"{recipe.Model} on {dataset.Name} ({dataset.Count} graphs, {dataset.TotalNodeCount} nodes, loaded in {load.Elapsed.TotalSeconds:F1} s), "
            + $"{recipe.Method} (recipe {recipe.Key}), {runs.Count} {(runs[0].Fold is null ? "runs" : "folds")} × {recipe.Epochs} epochs, batch {recipe.BatchSize}, {request.Threads} threads");

        var trainer = new Trainer(request.Threads);
        var results = new List<GraphRunResult>();
        var wall = Stopwatch.StartNew();
        bool accuracy = dataset.Task == GraphTask.Classification;
        string Format(double metric) => accuracy ? $"{100 * metric:F1}" : $"{metric:F3}";
        for (int k = 0; k < runs.Count; k++)
        {
            var (fold, seed, split) = runs[k];
            var progress = new EpochLog(p =>
            {
                if ((p.Epoch + 1) % 10 == 0 || p.Epoch == 0)
                {
                    log.WriteLine($"    epoch {p.Epoch + 1}/{p.Epochs}: loss {p.Loss:F4}, validation {Format(p.ValidationAccuracy)}, test {Format(p.TestAccuracy)}, {p.Milliseconds:F0} ms");
                }
            });
            var r = trainer.Run(recipe, prepared, split, seed, fold, progress, cancellationToken);
            results.Add(r);
            log.WriteLine(
                $"  {(fold is int f ? $"fold {f}" : $"run {k}")} (seed {seed}): best-test {Format(r.BestTestMetric)} (epoch {r.BestTestEpoch}), "
                + $"at min-val-loss {Format(r.TestMetricAtMinValidationLoss)} (epoch {r.MinValidationLossEpoch}), "
                + $"at best-val {Format(r.TestMetricAtBestValidation)} (epoch {r.BestValidationEpoch}), "
                + (r.LayerBits.Count > 0 ? $"{r.AverageBits:F2} bits, " : string.Empty)
                + $"{r.EpochMillisecondsMedian:F0} ms/epoch, {r.WallSeconds:F0} s  [{k + 1}/{runs.Count}]");
        }

        double scale = accuracy ? 100 : 1;
        var bestTest = SeedStatistics.Of(results.Select(r => scale * r.BestTestMetric).ToList());
        var bestVal = SeedStatistics.Of(results.Select(r => scale * r.TestMetricAtBestValidation).ToList());
        var minValLoss = SeedStatistics.Of(results.Select(r => scale * r.TestMetricAtMinValidationLoss).ToList());
        var bits = SeedStatistics.Of(results.Select(r => r.AverageBits).ToList());
        double msPerEpoch = SeedStatistics.Median(results.Select(r => r.EpochMillisecondsMedian));
        double trainMs = SeedStatistics.Median(results.Select(r => r.TrainMillisecondsMedian));
        double evalMs = SeedStatistics.Median(results.Select(r => r.EvalMillisecondsMedian));
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        double tensorMb = results.Max(r => r.PeakActivationBytes) / (1024.0 * 1024.0);
        string unit = accuracy ? " %" : string.Empty;
        string metric = accuracy ? "accuracy" : "MAE";

        output.WriteLine($"{recipe.Model}-{dataset.Name} {recipe.Method}, {results.Count} {(results[0].Fold is null ? "runs" : "folds")}, {recipe.Epochs} epochs");
        // An MAE near 0.45 needs three decimals; accuracies in % need two.
        string Shown(SeedStatistics s) => accuracy ? s.ToString() : $"{s.Mean:F3} ± {s.Std:F3}";
        output.WriteLine($"  {metric}, BestTestEpoch (the A²Q authors' protocol): {Shown(bestTest)}{unit}");
        output.WriteLine($"  {metric}, BestValEpoch (test at best validation {metric}): {Shown(bestVal)}{unit}");
        output.WriteLine($"  {metric}, MinValLoss (test at minimum validation loss, Degree-Quant's protocol): {Shown(minValLoss)}{unit}");
        if (results[0].LayerBits.Count > 0)
        {
            output.WriteLine($"  average bits at the best-test epoch: {bits}");
            foreach (var layer in results[0].LayerBits.Select(l => l.Quantizer))
            {
                output.WriteLine($"    {layer}: {results.Average(r => r.LayerBits.First(l => l.Quantizer == layer).Bits):F2} bits");
            }
        }
        else
        {
            output.WriteLine($"  bits: {results[0].AverageBits:F0} (fixed)");
        }

        output.WriteLine($"  ms per epoch (median): {msPerEpoch:F0} (train {trainMs:F0}, eval {evalMs:F0}); wall {wall.Elapsed.TotalSeconds:F0} s for all; peak memory {peakMb:F0} MB (tensors in use at once: {tensorMb:F0} MB)");
        if (request.Json)
        {
            var summary = new JsonObject
            {
                ["dataset"] = dataset.Name,
                ["model"] = recipe.Model.ToString(),
                ["method"] = recipe.Method,
                ["variant"] = recipe.Variant,
                ["metric"] = accuracy ? "accuracy" : "mae",
                ["runs"] = results.Count,
                ["folds"] = results[0].Fold is null ? null : results.Count,
                ["epochs"] = recipe.Epochs,
                ["threads"] = request.Threads,
                ["bestTestEpoch"] = Stat(bestTest),
                ["bestValEpoch"] = Stat(bestVal),
                ["minValLossEpoch"] = Stat(minValLoss),
                ["averageBits"] = Math.Round(bits.Mean, 3),
                ["averageBitsStd"] = Math.Round(bits.Std, 3),
                ["compressionRatio"] = Math.Round(32 / bits.Mean, 2),
                ["msPerEpoch"] = Math.Round(msPerEpoch, 1),
                ["trainMsPerEpoch"] = Math.Round(trainMs, 1),
                ["evalMsPerEpoch"] = Math.Round(evalMs, 1),
                ["wallSeconds"] = Math.Round(wall.Elapsed.TotalSeconds, 1),
                ["peakMemoryMb"] = Math.Round(peakMb, 1),
                ["peakTensorMemoryMb"] = Math.Round(tensorMb, 1),
                ["perRun"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["fold"] = r.Fold,
                    ["seed"] = r.Seed,
                    ["bestTestEpoch"] = Math.Round(scale * r.BestTestMetric, 4),
                    ["bestValEpoch"] = Math.Round(scale * r.TestMetricAtBestValidation, 4),
                    ["minValLossEpoch"] = Math.Round(scale * r.TestMetricAtMinValidationLoss, 4),
                    ["averageBits"] = Math.Round(r.AverageBits, 3),
                    ["msPerEpoch"] = Math.Round(r.EpochMillisecondsMedian, 1),
                    ["wallSeconds"] = Math.Round(r.WallSeconds, 1),
                }).ToArray()),
            };
            output.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }

        return 0;
    }

    /// <summary>The (fold, seed, split) of each run: --folds folds of a cross-validated dataset, or --seeds runs on its standard split.</summary>
    private static List<(int? Fold, int Seed, GraphSplit Split)> Runs(TrainRequest request, GraphDataset dataset)
    {
        if (GraphDatasets.IsCrossValidated(dataset))
        {
            int folds = request.Folds ?? CrossValidationFolds.DefaultFoldCount;
            if (folds is < 1 or > CrossValidationFolds.DefaultFoldCount)
            {
                throw new UsageException($"--folds must be between 1 and {CrossValidationFolds.DefaultFoldCount} (the folds of the 10-fold split to run), got {folds}");
            }

            var splits = CrossValidationFolds.Create(dataset);
            return Enumerable.Range(0, folds).Select(f => ((int?)f, request.FirstSeed + f, splits[f])).ToList();
        }

        if (request.Folds is not null)
        {
            throw new UsageException($"--folds: {dataset.Name} has a standard split and no folds; use --seeds for repeated runs");
        }

        return Enumerable.Range(0, request.Seeds).Select(k => ((int?)null, request.FirstSeed + k, dataset.StandardSplit!)).ToList();
    }

    /// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class EpochLog(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }

    private static JsonObject Stat(SeedStatistics s) => new()
    {
        ["mean"] = Math.Round(s.Mean, 4),
        ["std"] = Math.Round(s.Std, 4),
    };
}
