namespace A2Q.Quant.Tensors;

/// <summary>
/// Recycles float buffers. A full-batch training step allocates the same shapes every epoch, so after the first
/// epoch a step allocates nothing; this keeps large activations off the large-object heap. Mini-batches of whole
/// graphs change their node count every batch, so tensor buffers (<see cref="RentSized"/>) are rounded up to size
/// classes an eighth of a power of two apart, and a tensor takes the shortest free buffer that is long enough: the
/// buffers of the largest batch serve every smaller one.
/// One pool per run (owned by its <see cref="ComputeContext"/>), used from the thread that drives the
/// tape, never shared: no locks.
/// </summary>
public sealed class BufferPool
{
    private readonly Dictionary<int, Stack<float[]>> free = new();

    /// <summary>The capacities that have free size-classed buffers, ascending (for a best fit).</summary>
    private readonly List<int> sizedCapacities = new();

    public long RentedBytes { get; private set; }

    public long PeakRentedBytes { get; private set; }

    /// <summary>Bytes held in free buffers, waiting to be rented again.</summary>
    public long FreeBytes { get; private set; }

    /// <summary>Below this many floats buffers keep their exact length (small shapes do not vary).</summary>
    private const int SmallestSizeClass = 4096;

    /// <summary>A buffer of exactly <paramref name="length"/> floats; zeroed only when asked.</summary>
    public float[] Rent(int length, bool clear) => RentExactly(length, length, clear);

    /// <summary>
    /// A buffer of at least <paramref name="length"/> floats, rounded up to a size class (for a tensor, which uses
    /// only its first Rows × Columns values); the first <paramref name="length"/> are zeroed when asked.
    /// </summary>
    public float[] RentSized(int length, bool clear)
    {
        // Best fit among all free buffers: the working set of the largest batch then serves every smaller one,
        // instead of each size class keeping its own copy of a whole step's activations. An idle longer buffer beats a
        // fresh one even far beyond the need: REDDIT-BINARY's evaluation batches are under half the training batches,
        // and a bound of twice the size had them allocate (and fault in) every tensor anew, each epoch.
        int wanted = SizeClass(length);
        if (wanted > SmallestSizeClass)
        {
            int at = sizedCapacities.BinarySearch(wanted);
            for (int k = at >= 0 ? at : ~at; k < sizedCapacities.Count; k++)
            {
                if (free.TryGetValue(sizedCapacities[k], out var stack) && stack.Count > 0)
                {
                    return RentExactly(sizedCapacities[k], length, clear);
                }
            }
        }

        return RentExactly(wanted, length, clear);
    }

    /// <summary>The smallest size class ≥ <paramref name="length"/>: 2^k·(1 + j/8) above <see cref="SmallestSizeClass"/>.</summary>
    internal static int SizeClass(int length)
    {
        if (length <= SmallestSizeClass)
        {
            return length;
        }

        int power = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)length);
        long step = 1L << (power - 3);
        long rounded = (length + step - 1) / step * step;
        return (int)Math.Min(rounded, Array.MaxLength);
    }

    private float[] RentExactly(int capacity, int length, bool clear)
    {
        float[] buffer;
        if (free.TryGetValue(capacity, out var stack) && stack.Count > 0)
        {
            buffer = stack.Pop();
            FreeBytes -= (long)buffer.Length * sizeof(float);
            if (clear)
            {
                Array.Clear(buffer, 0, length);
            }
        }
        else
        {
            buffer = clear ? new float[capacity] : GC.AllocateUninitializedArray<float>(capacity);
        }

        RentedBytes += (long)capacity * sizeof(float);
        PeakRentedBytes = Math.Max(PeakRentedBytes, RentedBytes);
        return buffer;
    }

    /// <summary>
    /// Takes a buffer back. The pool never holds more free bytes than the most it has ever lent at once: with
    /// mini-batches of changing sizes the free lists would otherwise keep a copy of the step's working set for
    /// every size range seen. To stay under that bound it lets go of shorter free buffers before a longer one, since
    /// a buffer serves every tensor up to its size: a batch one size class larger than the last
    /// had otherwise found only too-small buffers, allocated a whole step afresh and left it to the garbage collector,
    /// batch after batch (ZINC FP32: ten times the page faults of an A²Q run). A buffer that still does not fit is
    /// left to the garbage collector.
    /// </summary>
    public void Return(float[] buffer)
    {
        long bytes = (long)buffer.Length * sizeof(float);
        RentedBytes -= bytes;
        if (FreeBytes + bytes > PeakRentedBytes)
        {
            ReleaseSmallerThan(buffer.Length, FreeBytes + bytes - PeakRentedBytes);
        }

        if (FreeBytes + bytes > PeakRentedBytes)
        {
            return;
        }

        FreeBytes += bytes;
        if (!free.TryGetValue(buffer.Length, out var stack))
        {
            stack = new Stack<float[]>();
            free[buffer.Length] = stack;
            if (buffer.Length > SmallestSizeClass)
            {
                int at = sizedCapacities.BinarySearch(buffer.Length);
                sizedCapacities.Insert(~at, buffer.Length);
            }
        }

        stack.Push(buffer);
    }

    /// <summary>
    /// Drops free buffers shorter than <paramref name="length"/>, the longest of them first (the previous size class
    /// of the same activations), until <paramref name="bytes"/> are released.
    /// </summary>
    private void ReleaseSmallerThan(int length, long bytes)
    {
        int at = sizedCapacities.BinarySearch(length);
        for (int k = (at >= 0 ? at : ~at) - 1; k >= 0 && bytes > 0; k--)
        {
            var stack = free[sizedCapacities[k]];
            while (stack.Count > 0 && bytes > 0)
            {
                long released = (long)stack.Pop().Length * sizeof(float);
                FreeBytes -= released;
                bytes -= released;
            }
        }
    }
}
