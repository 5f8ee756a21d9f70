namespace A2Q.Quant.Tensors;

/// <summary>
/// Recycles float buffers by exact length. A training step allocates the same shapes every epoch, so after
/// the first epoch a step allocates nothing; this keeps large activations off the large-object heap.
/// One pool per run (owned by its <see cref="ComputeContext"/>), used from the thread that drives the
/// tape, never shared: no locks.
/// </summary>
public sealed class BufferPool
{
    private readonly Dictionary<int, Stack<float[]>> free = new();

    public long RentedBytes { get; private set; }

    public long PeakRentedBytes { get; private set; }

    /// <summary>A buffer of exactly <paramref name="length"/> floats; zeroed only when asked.</summary>
    public float[] Rent(int length, bool clear)
    {
        float[] buffer;
        if (free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            buffer = stack.Pop();
            if (clear)
            {
                Array.Clear(buffer);
            }
        }
        else
        {
            buffer = clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
        }

        RentedBytes += (long)length * sizeof(float);
        PeakRentedBytes = Math.Max(PeakRentedBytes, RentedBytes);
        return buffer;
    }

    public void Return(float[] buffer)
    {
        if (!free.TryGetValue(buffer.Length, out var stack))
        {
            stack = new Stack<float[]>();
            free[buffer.Length] = stack;
        }

        stack.Push(buffer);
        RentedBytes -= (long)buffer.Length * sizeof(float);
    }
}
