namespace A2Q.Quant.Optim;

/// <summary>Changes the optimiser's learning rates once per epoch, after the epoch's evaluation.</summary>
public interface ILearningRateScheduler
{
    /// <param name="monitored">the validation value the scheduler watches (ignored by epoch-count schedules)</param>
    void Step(Adam optimizer, double monitored);

    /// <summary>The schedule's progress, for a checkpoint.</summary>
    void WriteState(BinaryWriter writer);

    void ReadState(BinaryReader reader);
}
