namespace A2Q.Quant.Data;

/// <summary>
/// What a graph-level sample is trained to predict: a class index (REDDIT-BINARY, MNIST, CIFAR10) or a real-valued
/// target (ZINC's penalized logP). Kept as one type so a dataset's samples share a shape whatever the task.
/// </summary>
public readonly record struct GraphLabel
{
    private readonly int classIndexOrZero;
    private readonly float targetOrZero;

    private GraphLabel(bool isClass, int classIndex, float target)
    {
        IsClass = isClass;
        classIndexOrZero = classIndex;
        targetOrZero = target;
    }

    /// <summary>True for a classification label, false for a regression target.</summary>
    public bool IsClass { get; }

    /// <summary>The class index; throws for a regression target so a task mix-up fails loudly.</summary>
    public int ClassIndex => IsClass
        ? classIndexOrZero
        : throw new InvalidOperationException($"this label is the regression target {targetOrZero}, not a class");

    /// <summary>The regression target; throws for a class label.</summary>
    public float Target => IsClass
        ? throw new InvalidOperationException($"this label is class {classIndexOrZero}, not a regression target")
        : targetOrZero;

    public static GraphLabel OfClass(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        return new GraphLabel(isClass: true, classIndex, 0f);
    }

    public static GraphLabel OfTarget(float target) =>
        float.IsFinite(target)
            ? new GraphLabel(isClass: false, 0, target)
            : throw new ArgumentOutOfRangeException(nameof(target), target, "a regression target must be finite");

    public override string ToString() => IsClass ? $"class {classIndexOrZero}" : $"target {targetOrZero}";
}
