namespace A2Q.Quant.Training;

/// <summary>How a run's test accuracy is picked from its epochs. Every run records both.</summary>
public enum EvaluationProtocol
{
    /// <summary>The highest test accuracy over all epochs: what the A²Q authors' scripts report (it selects on the test set).</summary>
    BestTestEpoch,

    /// <summary>Test accuracy at the first epoch with the highest validation accuracy: honest model selection.</summary>
    BestValEpoch,
}
