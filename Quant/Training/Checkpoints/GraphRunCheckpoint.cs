using System.Text;
using A2Q.Quant.Nn;
using A2Q.Quant.Optim;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Training.Checkpoints;

/// <summary>
/// Everything a graph-level run carries from one epoch to the next, so that a run stopped after epoch e and resumed
/// computes bit for bit what it would have computed uninterrupted: parameters, BatchNorm running statistics,
/// Degree-Quant's observed ranges, Adam's moments and step, the learning-rate schedule, both random generators
/// (initialisation/masks and the shuffle) and the epoch loop's records. Per-batch state (masks, NNS assignments,
/// the bit tally) is rebuilt every forward and is not saved.
/// </summary>
internal static class GraphRunCheckpoint
{
    public sealed record Live(
        GraphRecipe Recipe, int Seed, int? Fold, GraphLevelModel Model, Adam Optimizer, ILearningRateScheduler? Scheduler,
        SeededRandom Random, SeededRandom Shuffle, GraphLoopState Loop);

    public static byte[] Capture(string identity, Live live)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            WriteHeader(w, identity, live);
            w.Write(live.Loop.EpochsDone);
            foreach (var word in live.Random.Snapshot().Concat(live.Shuffle.Snapshot()))
            {
                w.Write(word);
            }

            var parameters = live.Model.Parameters().ToList();
            w.Write(parameters.Count);
            foreach (var p in parameters)
            {
                w.Write(p.Name);
                CheckpointFormat.WriteFloats(w, p.Value.Span);
            }

            var norms = live.Model.Modules().OfType<BatchNorm1d>().ToList();
            w.Write(norms.Count);
            foreach (var bn in norms)
            {
                CheckpointFormat.WriteFloats(w, bn.RunningMean.Span);
                CheckpointFormat.WriteFloats(w, bn.RunningVariance.Span);
            }

            var observers = Observers(live.Model);
            w.Write(observers.Count);
            foreach (var o in observers)
            {
                w.Write(o.HasRange);
                w.Write(o.Min);
                w.Write(o.Max);
            }

            live.Optimizer.WriteState(w, parameters);
            w.Write(live.Scheduler is not null);
            live.Scheduler?.WriteState(w);
            WriteLoop(w, live.Loop);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Restores a payload written for the same identity and run into freshly built objects; false (and nothing
    /// changed) when the payload belongs to another run or recipe.
    /// </summary>
    /// <exception cref="InvalidDataException">the payload does not fit this model</exception>
    public static bool TryRestore(byte[] payload, string identity, Live live)
    {
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        using (var expected = new MemoryStream())
        {
            using (var w = new BinaryWriter(expected, Encoding.UTF8, leaveOpen: true))
            {
                WriteHeader(w, identity, live);
            }

            var header = r.ReadBytes((int)expected.Length);
            if (!header.AsSpan().SequenceEqual(expected.ToArray()))
            {
                return false;
            }
        }

        int epochsDone = r.ReadInt32();
        var words = Enumerable.Range(0, 8).Select(_ => r.ReadUInt64()).ToArray();
        var parameters = live.Model.Parameters().ToList();
        Expect(r.ReadInt32(), parameters.Count, "parameters");
        var values = new List<float[]>();
        foreach (var p in parameters)
        {
            string name = r.ReadString();
            if (name != p.Name)
            {
                throw new InvalidDataException($"checkpoint: parameter '{name}' where the model has '{p.Name}'");
            }

            values.Add(CheckpointFormat.ReadFloats(r, p.Value.Length, p.Name));
        }

        var norms = live.Model.Modules().OfType<BatchNorm1d>().ToList();
        Expect(r.ReadInt32(), norms.Count, "BatchNorm layers");
        var statistics = norms.Select(bn => (
            Mean: CheckpointFormat.ReadFloats(r, bn.RunningMean.Length, "a running mean"),
            Variance: CheckpointFormat.ReadFloats(r, bn.RunningVariance.Length, "a running variance"))).ToList();
        var observers = Observers(live.Model);
        Expect(r.ReadInt32(), observers.Count, "Degree-Quant observers");
        var ranges = observers.Select(_ => (Has: r.ReadBoolean(), Min: r.ReadSingle(), Max: r.ReadSingle())).ToList();

        // Everything read so far only fills buffers; the live objects change from here on.
        live.Random.Restore(words[..4]);
        live.Shuffle.Restore(words[4..]);
        for (int i = 0; i < parameters.Count; i++)
        {
            values[i].CopyTo(parameters[i].Value.Span);
        }

        for (int i = 0; i < norms.Count; i++)
        {
            statistics[i].Mean.CopyTo(norms[i].RunningMean.Span);
            statistics[i].Variance.CopyTo(norms[i].RunningVariance.Span);
        }

        for (int i = 0; i < observers.Count; i++)
        {
            observers[i].Restore(ranges[i].Has, ranges[i].Min, ranges[i].Max);
        }

        live.Optimizer.ReadState(r, parameters);
        if (r.ReadBoolean() != (live.Scheduler is not null))
        {
            throw new InvalidDataException("checkpoint: the learning-rate schedule does not match the recipe's");
        }

        live.Scheduler?.ReadState(r);
        ReadLoop(r, live.Loop);
        live.Loop.EpochsDone = epochsDone;
        return true;
    }

    private static void WriteHeader(BinaryWriter w, string identity, Live live)
    {
        w.Write(identity);
        w.Write(live.Recipe.Key);
        w.Write(live.Seed);
        w.Write(live.Fold ?? -1);
        w.Write(live.Recipe.Epochs);
    }

    private static void WriteLoop(BinaryWriter w, GraphLoopState loop)
    {
        int done = loop.EpochsDone;
        CheckpointFormat.WriteDoubles(w, loop.TrainMs.AsSpan(0, done));
        CheckpointFormat.WriteDoubles(w, loop.EvalMs.AsSpan(0, done));
        CheckpointFormat.WriteDoubles(w, loop.EpochMs.AsSpan(0, done));
        loop.Best.WriteState(w);
        w.Write(loop.BitsAtBestTest.Count);
        foreach (var (quantizer, bits) in loop.BitsAtBestTest)
        {
            w.Write(quantizer);
            w.Write(bits);
        }

        w.Write(loop.TrainingLoss);
        w.Write(loop.FinalTest);
        w.Write(loop.PriorWallSeconds);
    }

    private static void ReadLoop(BinaryReader r, GraphLoopState loop)
    {
        ReadDoublesInto(r, loop.TrainMs);
        ReadDoublesInto(r, loop.EvalMs);
        ReadDoublesInto(r, loop.EpochMs);
        loop.Best.ReadState(r);
        loop.BitsAtBestTest = Enumerable.Range(0, r.ReadInt32()).Select(_ => (r.ReadString(), r.ReadDouble())).ToList();
        loop.TrainingLoss = r.ReadDouble();
        loop.FinalTest = r.ReadDouble();
        loop.PriorWallSeconds = r.ReadDouble();
    }

    private static void ReadDoublesInto(BinaryReader r, double[] destination)
    {
        var values = CheckpointFormat.ReadDoubles(r);
        if (values.Length > destination.Length)
        {
            throw new InvalidDataException($"checkpoint: {values.Length} epochs recorded for a {destination.Length}-epoch run");
        }

        values.CopyTo(destination, 0);
    }

    private static List<RangeObserver> Observers(GraphLevelModel model) =>
        model.Modules().OfType<DqQuantizer>().Select(q => q.Observer).ToList();

    private static void Expect(int found, int expected, string what)
    {
        if (found != expected)
        {
            throw new InvalidDataException($"checkpoint: {found} {what}, the model has {expected}");
        }
    }
}
