using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>Batch normalisation over nodes (PyTorch's BatchNorm1d on N × F), with running statistics.</summary>
public sealed class BatchNorm1d : Module
{
    public BatchNorm1d(string name, int features, float momentum = 0.1f, float epsilon = 1e-5f)
    {
        Features = features;
        Momentum = momentum;
        Epsilon = epsilon;
        Gamma = AddParameter(new Parameter($"{name}.weight", ParameterRole.Normalization, new Tensor(1, features)));
        Beta = AddParameter(new Parameter($"{name}.bias", ParameterRole.Normalization, new Tensor(1, features)));
        RunningMean = new Tensor(1, features);
        RunningVariance = new Tensor(1, features);
    }

    public int Features { get; }

    public float Momentum { get; }

    public float Epsilon { get; }

    public Parameter Gamma { get; }

    public Parameter Beta { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVariance { get; }

    public Variable Forward(Variable x) =>
        Functional.BatchNorm(x, Gamma, Beta, RunningMean, RunningVariance, Training, Momentum, Epsilon);

    protected override void ResetOwnParameters(SeededRandom random)
    {
        Init.Constant(Gamma.Value, 1f);
        Init.Constant(Beta.Value, 0f);
        Init.Constant(RunningMean, 0f);
        Init.Constant(RunningVariance, 1f);
    }
}
