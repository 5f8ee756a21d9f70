namespace A2Q.Quant.Training;

/// <summary>Progress of one epoch, for live displays and traces.</summary>
public sealed record EpochReport(int Epoch, int Epochs, float Loss, double TrainAccuracy, double ValidationAccuracy, double TestAccuracy, double Milliseconds);
