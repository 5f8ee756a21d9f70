namespace A2Q.Quant.Training;

/// <summary>Which learning-rate schedule a graph-level recipe uses.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>A constant learning rate.</summary>
    None,

    /// <summary>PyTorch's StepLR (REDDIT-BINARY: ×0.5 every 50 epochs).</summary>
    Step,

    /// <summary>PyTorch's ReduceLROnPlateau on a validation value (ZINC: the validation MAE).</summary>
    Plateau,
}
