using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

/// <summary>
/// Records one step's operations for reverse-mode differentiation and owns every intermediate buffer of
/// that step; disposing the tape returns them to the run's pool. With <c>recordGradients: false</c> it is
/// an evaluation scope: ops run, nothing is recorded.
/// </summary>
public sealed class Tape : IDisposable
{
    private readonly List<Action> backward = new();
    private readonly List<float[]> owned = new();
    private readonly List<Variable> gradientHolders = new();
    private bool disposed;

    public Tape(ComputeContext compute, bool recordGradients = true)
    {
        Compute = compute;
        IsRecording = recordGradients;
    }

    public ComputeContext Compute { get; }

    public bool IsRecording { get; }

    /// <summary>Brings a constant (input features, targets) onto this tape; it needs no gradient.</summary>
    public Variable Constant(Tensor value) => new(value, requiresGrad: false, this);

    /// <summary>Runs the recorded backward functions in reverse, starting from d(loss)/d(loss) = 1.</summary>
    public void Backward(Variable loss)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!IsRecording)
        {
            throw new InvalidOperationException("this tape does not record gradients (it was created with recordGradients: false)");
        }

        if (loss.Value.Length != 1)
        {
            throw new ArgumentException($"Backward needs a scalar loss, got {loss.Rows}x{loss.Columns}");
        }

        if (!loss.RequiresGrad)
        {
            throw new ArgumentException("the loss does not depend on any parameter that requires a gradient");
        }

        GradOf(loss).Span[0] += 1f;
        for (int i = backward.Count - 1; i >= 0; i--)
        {
            backward[i]();
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var buffer in owned)
        {
            Compute.Pool.Return(buffer);
        }

        foreach (var v in gradientHolders)
        {
            if (v.Grad is { } g)
            {
                Compute.Pool.Return(g.Buffer);
                v.Grad = null;
            }
        }

        owned.Clear();
        gradientHolders.Clear();
        backward.Clear();
    }

    /// <summary>A buffer owned by this tape, returned to the pool on dispose.</summary>
    internal Tensor Allocate(int rows, int columns, bool clear)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var buffer = Compute.Pool.RentSized(rows * columns, clear);
        owned.Add(buffer);
        return new Tensor(rows, columns, buffer);
    }

    /// <summary>Scratch memory owned by this tape (for values a backward function needs later).</summary>
    internal float[] AllocateScratch(int length, bool clear)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var buffer = Compute.Pool.Rent(length, clear);
        owned.Add(buffer);
        return buffer;
    }

    /// <summary>
    /// Scratch of at least <paramref name="length"/> floats, rounded up to a pool size class: for per-row scratch
    /// whose length changes with every mini-batch (exact lengths would leave one buffer per batch size in the pool).
    /// Only the first <paramref name="length"/> values are meaningful (and cleared when asked).
    /// </summary>
    internal float[] AllocateScratchSized(int length, bool clear)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var buffer = Compute.Pool.RentSized(length, clear);
        owned.Add(buffer);
        return buffer;
    }

    /// <summary>Wraps an op's output; it needs a gradient when recording and any input needs one.</summary>
    internal Variable Result(Tensor value, Variable a) => new(value, IsRecording && a.RequiresGrad, this);

    internal Variable Result(Tensor value, Variable a, Variable b) =>
        new(value, IsRecording && (a.RequiresGrad || b.RequiresGrad), this);

    internal Variable Result(Tensor value, IReadOnlyList<Variable> inputs)
    {
        bool requires = false;
        foreach (var v in inputs)
        {
            requires |= v.RequiresGrad;
        }

        return new(value, IsRecording && requires, this);
    }

    /// <summary>Registers the backward function of an op whose output needs a gradient.</summary>
    internal void Record(Variable output, Action<Tensor> backwardFromOutputGrad)
    {
        if (!output.RequiresGrad)
        {
            return;
        }

        backward.Add(() =>
        {
            if (output.Grad is { } g)
            {
                backwardFromOutputGrad(g);

                // The op has passed its output's gradient on to its inputs, and every consumer of the output ran
                // its backward before (it came later in the forward), so nothing reads this gradient again:
                // returning it now lets the next gradients reuse the buffer, and the backward pass never holds
                // every gradient of the step at once.
                output.Grad = null;
                Compute.Pool.Return(g.Buffer);
            }
        });
    }

    /// <summary>The gradient buffer of <paramref name="v"/>, created zeroed on first use.</summary>
    internal Tensor GradOf(Variable v)
    {
        if (v.Grad is null)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            v.Grad = new Tensor(v.Rows, v.Columns, Compute.Pool.RentSized(v.Rows * v.Columns, clear: true));
            gradientHolders.Add(v);
        }

        return v.Grad;
    }

    /// <summary>
    /// The gradient buffer of <paramref name="v"/> for an op that adds its contribution to every element. When the
    /// gradient does not exist yet (<paramref name="fresh"/>) the buffer is not zeroed: the op writes 0 + contribution
    /// itself, which saves clearing a tensor and reading the zeros back (the same values: 0 + c is exactly what
    /// adding to a cleared buffer gives, −0 included).
    /// </summary>
    internal Tensor GradForAccumulation(Variable v, out bool fresh)
    {
        fresh = v.Grad is null;
        if (fresh)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            v.Grad = new Tensor(v.Rows, v.Columns, Compute.Pool.RentSized(v.Rows * v.Columns, clear: false));
            gradientHolders.Add(v);
        }

        return v.Grad!;
    }

    /// <summary>Adds <paramref name="g"/> (same shape) to the gradient of <paramref name="v"/>, in parallel chunks.</summary>
    internal void AccumulateGrad(Variable v, Tensor g)
    {
        var destination = GradForAccumulation(v, out bool fresh).Buffer;
        var source = g.Buffer;
        Compute.Elementwise(g.Length, (start, end) =>
        {
            var d = destination.AsSpan(start, end - start);
            if (fresh)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(source.AsSpan(start, end - start), 0f, d);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Add(d, source.AsSpan(start, end - start), d);
            }
        });
    }

    /// <summary>The tape shared by the inputs of an op (parameters belong to none).</summary>
    internal static Tape Of(Variable a)
        => a.Tape ?? throw new InvalidOperationException("an op needs at least one input that lives on a tape (use tape.Constant for inputs)");

    internal static Tape Of(Variable a, Variable b)
    {
        var tape = a.Tape ?? b.Tape ?? throw new InvalidOperationException("an op needs at least one input that lives on a tape (use tape.Constant for inputs)");
        if ((a.Tape is not null && a.Tape != tape) || (b.Tape is not null && b.Tape != tape))
        {
            throw new InvalidOperationException("inputs of one op come from different tapes");
        }

        return tape;
    }
}
