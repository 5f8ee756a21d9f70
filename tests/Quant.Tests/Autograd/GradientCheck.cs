using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd;

/// <summary>
/// Finite-difference gradient checks: the op's analytic gradient of L = Σ w ⊙ f(inputs), with fixed random
/// weights w, against central differences (L(x + ε) − L(x − ε)) / 2ε for every input element.
/// </summary>
internal static class GradientCheck
{
    public static void Assert(Func<IReadOnlyList<Variable>, Variable> function, params Tensor[] inputs) =>
        Assert(function, epsilon: 1e-2f, tolerance: 2e-2f, inputs);

    public static void Assert(Func<IReadOnlyList<Variable>, Variable> function, float epsilon, float tolerance, params Tensor[] inputs)
    {
        using var compute = new ComputeContext(1);
        var parameters = inputs.Select((t, k) => new Parameter($"input{k}", ParameterRole.Weight, t.Clone())).ToArray();
        Tensor? weights = null;

        double Loss(bool record, out Tape tape)
        {
            var scope = new Tape(compute, record);
            tape = scope;
            var bound = parameters.Select(p => (Variable)Functional.Add(p, scope.Constant(new Tensor(p.Rows, p.Columns)))).ToList();
            var y = function(bound);
            if (weights is null)
            {
                var random = new SeededRandom(99);
                weights = new Tensor(y.Rows, y.Columns);
                foreach (ref float w in weights.Span)
                {
                    w = random.Uniform(-1f, 1f);
                }
            }

            var loss = Functional.Sum(Functional.Multiply(y, scope.Constant(weights)));
            if (record)
            {
                scope.Backward(loss);
            }

            return loss.Value.Span[0];
        }

        foreach (var p in parameters)
        {
            p.ZeroGrad();
        }

        Loss(record: true, out var recording);
        recording.Dispose();
        for (int k = 0; k < parameters.Length; k++)
        {
            var p = parameters[k];
            var analytic = p.Gradient.ToArray();
            var values = p.Value.Span;
            for (int i = 0; i < values.Length; i++)
            {
                float original = values[i];
                values[i] = original + epsilon;
                double plus = Loss(record: false, out var t1);
                t1.Dispose();
                values[i] = original - epsilon;
                double minus = Loss(record: false, out var t2);
                t2.Dispose();
                values[i] = original;
                double numeric = (plus - minus) / (2 * epsilon);
                double error = Math.Abs(numeric - analytic[i]);
                if (error > tolerance * (1 + Math.Abs(numeric)))
                {
                    Xunit.Assert.Fail($"input {k} element {i}: analytic {analytic[i]:G6}, numeric {numeric:G6}");
                }
            }
        }
    }

    /// <summary>A tensor of uniform values in ±scale with magnitudes of at least <paramref name="away"/> (off the kinks).</summary>
    public static Tensor Random(int rows, int columns, ulong seed, float scale = 1f, float away = 0f)
    {
        var random = new SeededRandom(seed);
        var t = new Tensor(rows, columns);
        foreach (ref float v in t.Span)
        {
            float u = random.Uniform(away, scale);
            v = random.NextFloat() < 0.5f ? -u : u;
        }

        return t;
    }
}
