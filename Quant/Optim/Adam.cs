using System.Runtime.Intrinsics;
using A2Q.Quant.Autograd;

namespace A2Q.Quant.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with PyTorch's update and its weight-decay semantics: the decay is L2, added
/// to the gradient before the moments (not AdamW's decoupled decay):
/// g ← g + λθ; m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε).
/// </summary>
public sealed class Adam
{
    private readonly List<ParameterGroup> groups;
    private readonly Dictionary<Parameter, (float[] M, float[] V)> state = new();
    private int step;
    private float learningRateScale = 1f;

    public Adam(IEnumerable<ParameterGroup> groups, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        this.groups = groups.ToList();
        if (beta1 is < 0f or >= 1f)
        {
            throw new ArgumentException($"beta1 must be in [0, 1), got {beta1}", nameof(beta1));
        }

        if (beta2 is < 0f or >= 1f)
        {
            throw new ArgumentException($"beta2 must be in [0, 1), got {beta2}", nameof(beta2));
        }

        if (epsilon < 0f)
        {
            throw new ArgumentException($"epsilon must be non-negative, got {epsilon}", nameof(epsilon));
        }

        var seen = new HashSet<Parameter>();
        foreach (var g in this.groups)
        {
            if (g.LearningRate < 0f || float.IsNaN(g.LearningRate))
            {
                throw new ArgumentException($"group '{g.Name}': learning rate must be non-negative, got {g.LearningRate}", nameof(groups));
            }

            if (g.WeightDecay < 0f || float.IsNaN(g.WeightDecay))
            {
                throw new ArgumentException($"group '{g.Name}': weight decay must be non-negative, got {g.WeightDecay}", nameof(groups));
            }

            foreach (var p in g.Parameters)
            {
                if (!seen.Add(p))
                {
                    throw new ArgumentException($"parameter '{p.Name}' is in more than one group", nameof(groups));
                }
            }
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public IReadOnlyList<ParameterGroup> Groups => groups;

    /// <summary>
    /// Multiplies every group's learning rate: what a scheduler changes (PyTorch's StepLR and ReduceLROnPlateau
    /// scale all groups alike). Starts at 1.
    /// </summary>
    public float LearningRateScale
    {
        get => learningRateScale;
        set => learningRateScale = value is > 0f and <= 1f
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a learning-rate scale must be in (0, 1]");
    }

    public void ZeroGrad()
    {
        foreach (var g in groups)
        {
            foreach (var p in g.Parameters)
            {
                p.ZeroGrad();
            }
        }
    }

    public void Step()
    {
        step++;
        float biasCorrection1 = 1f - MathF.Pow(Beta1, step);
        float sqrtBiasCorrection2 = MathF.Sqrt(1f - MathF.Pow(Beta2, step));
        foreach (var group in groups)
        {
            float stepSize = group.LearningRate * learningRateScale / biasCorrection1;
            float decay = group.WeightDecay;
            foreach (var p in group.Parameters)
            {
                if (!state.TryGetValue(p, out var moments))
                {
                    moments = (new float[p.Value.Length], new float[p.Value.Length]);
                    state[p] = moments;
                }

                Update(p.Value.Span, p.Gradient.Span, moments.M, moments.V, decay, stepSize, sqrtBiasCorrection2);
            }
        }
    }

    /// <summary>One Adam update, 16 lanes at a time; the scalar tail computes the same formula.</summary>
    /// <summary>
    /// Writes the step count, the learning-rate scale and each parameter's moments (in <paramref name="order"/>), so a
    /// checkpointed run continues with exactly the updates it would have made.
    /// </summary>
    internal void WriteState(BinaryWriter writer, IReadOnlyList<Parameter> order)
    {
        writer.Write(step);
        writer.Write(learningRateScale);
        foreach (var p in order)
        {
            bool has = state.TryGetValue(p, out var moments);
            writer.Write(has);
            if (has)
            {
                A2Q.Quant.Training.Checkpoints.CheckpointFormat.WriteFloats(writer, moments.M);
                A2Q.Quant.Training.Checkpoints.CheckpointFormat.WriteFloats(writer, moments.V);
            }
        }
    }

    internal void ReadState(BinaryReader reader, IReadOnlyList<Parameter> order)
    {
        step = reader.ReadInt32();
        learningRateScale = reader.ReadSingle();
        state.Clear();
        foreach (var p in order)
        {
            if (reader.ReadBoolean())
            {
                var m = A2Q.Quant.Training.Checkpoints.CheckpointFormat.ReadFloats(reader, p.Value.Length, p.Name);
                var v = A2Q.Quant.Training.Checkpoints.CheckpointFormat.ReadFloats(reader, p.Value.Length, p.Name);
                state[p] = (m, v);
            }
        }
    }

    private void Update(Span<float> theta, ReadOnlySpan<float> grad, float[] m, float[] v, float decay, float stepSize, float sqrtBiasCorrection2)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var b1 = Vector512.Create(Beta1);
            var b2 = Vector512.Create(Beta2);
            var oneMinusB1 = Vector512.Create(1f - Beta1);
            var oneMinusB2 = Vector512.Create(1f - Beta2);
            var wd = Vector512.Create(decay);
            var lr = Vector512.Create(stepSize);
            var bc2 = Vector512.Create(sqrtBiasCorrection2);
            var eps = Vector512.Create(Epsilon);
            for (; i + 16 <= n; i += 16)
            {
                var t = Vector512.Create(theta.Slice(i, 16));
                var g = Vector512.Create(grad.Slice(i, 16)) + (wd * t);
                var mi = (b1 * Vector512.Create(m.AsSpan(i, 16))) + (oneMinusB1 * g);
                var vi = (b2 * Vector512.Create(v.AsSpan(i, 16))) + (oneMinusB2 * g * g);
                mi.CopyTo(m.AsSpan(i, 16));
                vi.CopyTo(v.AsSpan(i, 16));
                (t - (lr * mi / ((Vector512.Sqrt(vi) / bc2) + eps))).CopyTo(theta.Slice(i, 16));
            }
        }

        for (; i < n; i++)
        {
            float g = grad[i] + (decay * theta[i]);
            m[i] = (Beta1 * m[i]) + ((1f - Beta1) * g);
            v[i] = (Beta2 * v[i]) + ((1f - Beta2) * g * g);
            theta[i] -= stepSize * m[i] / ((MathF.Sqrt(v[i]) / sqrtBiasCorrection2) + Epsilon);
        }
    }
}
