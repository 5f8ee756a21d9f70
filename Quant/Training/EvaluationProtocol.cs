namespace A2Q.Quant.Training;

/// <summary>How a run's test metric is picked from its epochs. Every run records all that apply.</summary>
public enum EvaluationProtocol
{
    /// <summary>The highest test accuracy over all epochs: what the A²Q authors' scripts report (it selects on the test set).</summary>
    BestTestEpoch,

    /// <summary>Test accuracy at the first epoch with the highest validation accuracy: honest model selection.</summary>
    BestValEpoch,

    /// <summary>
    /// Test metric at the first epoch with the lowest validation loss: Degree-Quant's selection
    /// (reddit_binary/train_eval.py), which the paper's DQ cells use. Graph-level runs only.
    /// </summary>
    MinValidationLoss,
}
