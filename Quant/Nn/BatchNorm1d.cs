using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// Batch normalisation over nodes (PyTorch's BatchNorm1d on N × F), with running statistics. Without
/// <c>affine</c> there is no learned scale and shift (Bi-GCN normalises its input that way), so a constant
/// input stays constant and carries no gradient.
/// </summary>
public sealed class BatchNorm1d : Module
{
    private readonly Tensor? ones;
    private readonly Tensor? zeros;

    public BatchNorm1d(string name, int features, float momentum = 0.1f, float epsilon = 1e-5f, bool affine = true)
    {
        Features = features;
        Momentum = momentum;
        Epsilon = epsilon;
        if (affine)
        {
            Gamma = AddParameter(new Parameter($"{name}.weight", ParameterRole.Normalization, new Tensor(1, features)));
            Beta = AddParameter(new Parameter($"{name}.bias", ParameterRole.Normalization, new Tensor(1, features)));
        }
        else
        {
            ones = new Tensor(1, features);
            ones.Span.Fill(1f);
            zeros = new Tensor(1, features);
        }

        RunningMean = new Tensor(1, features);
        RunningVariance = new Tensor(1, features);
    }

    public int Features { get; }

    public float Momentum { get; }

    public float Epsilon { get; }

    /// <summary>The learned scale; null without <c>affine</c>.</summary>
    public Parameter? Gamma { get; }

    /// <summary>The learned shift; null without <c>affine</c>.</summary>
    public Parameter? Beta { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVariance { get; }

    public Variable Forward(Variable x)
    {
        if (Gamma is not null && Beta is not null)
        {
            return Functional.BatchNorm(x, Gamma, Beta, RunningMean, RunningVariance, Training, Momentum, Epsilon);
        }

        var tape = Tape.Of(x);
        return Functional.BatchNorm(x, tape.Constant(ones!), tape.Constant(zeros!), RunningMean, RunningVariance, Training, Momentum, Epsilon);
    }

    protected override void ResetOwnParameters(SeededRandom random)
    {
        if (Gamma is not null && Beta is not null)
        {
            Init.Constant(Gamma.Value, 1f);
            Init.Constant(Beta.Value, 0f);
        }

        Init.Constant(RunningMean, 0f);
        Init.Constant(RunningVariance, 1f);
    }
}
