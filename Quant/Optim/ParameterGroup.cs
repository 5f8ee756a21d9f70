using A2Q.Quant.Autograd;

namespace A2Q.Quant.Optim;

/// <summary>Parameters that share optimiser settings (learning rate, weight decay), as PyTorch's param_groups.</summary>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, float LearningRate, float WeightDecay = 0f)
{
    /// <summary>The parameters of <paramref name="all"/> whose role is one of <paramref name="roles"/>.</summary>
    public static ParameterGroup ByRole(string name, IEnumerable<Parameter> all, float learningRate, float weightDecay, params ParameterRole[] roles) =>
        new(name, all.Where(p => roles.Contains(p.Role)).ToList(), learningRate, weightDecay);
}
