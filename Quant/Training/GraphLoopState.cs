namespace A2Q.Quant.Training;

/// <summary>What a graph-level run's epoch loop has accumulated so far: the part of a checkpoint that is not model or optimiser.</summary>
internal sealed class GraphLoopState(int epochs, bool higherIsBetter)
{
    public int EpochsDone { get; set; }

    public double[] TrainMs { get; } = new double[epochs];

    public double[] EvalMs { get; } = new double[epochs];

    public double[] EpochMs { get; } = new double[epochs];

    public ProtocolTracker Best { get; } = new(higherIsBetter);

    public IReadOnlyList<(string Quantizer, double Bits)> BitsAtBestTest { get; set; } = [];

    public double TrainingLoss { get; set; } = double.NaN;

    public double FinalTest { get; set; } = double.NaN;

    /// <summary>Wall seconds spent before the last resume (a resumed run reports its whole training time).</summary>
    public double PriorWallSeconds { get; set; }
}
