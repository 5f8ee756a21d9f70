namespace A2Q.Quant.Training;

/// <summary>The training loss of a node classifier or graph-level model.</summary>
public enum LossKind
{
    /// <summary>Cross-entropy on the logits (= nll_loss on log_softmax).</summary>
    CrossEntropy,

    /// <summary>
    /// cross_entropy applied to softmax(logits): the A²Q GAT script's loss, which normalises twice and so
    /// trains on a flattened objective. Kept because the authors' numbers come from it.
    /// </summary>
    CrossEntropyOnSoftmax,

    /// <summary>Mean absolute error (ZINC regression; the metric is the MAE too).</summary>
    L1,
}
