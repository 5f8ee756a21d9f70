namespace A2Q.Quant.Tensors;

/// <summary>
/// How kernels run: the thread budget and the run's buffer pool. Work is cut into chunks whose boundaries
/// depend only on the problem size, never on the thread count, and every reduction adds its chunk partials
/// in chunk order; so a run is bit-identical at 1 and at N threads.
/// </summary>
public sealed class ComputeContext : IDisposable
{
    /// <summary>Below this many scalar operations a kernel runs inline: waking a worker costs more.</summary>
    public const long ParallelThreshold = 32_768;

    private readonly WorkerPool? workers;

    public ComputeContext(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1");
        }

        Threads = threads;
        workers = threads > 1 ? new WorkerPool(threads - 1) : null;
    }

    public int Threads { get; }

    public BufferPool Pool { get; } = new();

    /// <summary>Stops the worker threads.</summary>
    public void Dispose() => workers?.Dispose();

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) in chunks of <paramref name="chunkSize"/>.
    /// Callers use this only where each index's output is written by exactly one call, so the result does
    /// not depend on how chunks are scheduled.
    /// </summary>
    public void For(int count, int chunkSize, long workPerItem, Action<int, int> body)
    {
        if (count <= 0)
        {
            return;
        }

        chunkSize = Math.Max(1, chunkSize);
        int chunks = (count + chunkSize - 1) / chunkSize;
        if (workers is null || chunks == 1 || (long)count * workPerItem < ParallelThreshold)
        {
            body(0, count);
            return;
        }

        workers.Run(chunks, c =>
        {
            int start = c * chunkSize;
            body(start, Math.Min(count, start + chunkSize));
        });
    }

    /// <summary>Elements per chunk of an elementwise kernel (a quarter megabyte of floats: enough to amortise a wake-up).</summary>
    public const int ElementwiseChunk = 1 << 16;

    /// <summary>
    /// Runs an elementwise <paramref name="body"/>(start, end) over [0, length) in chunks of
    /// <see cref="ElementwiseChunk"/> (each element is written by one call, so scheduling never changes results).
    /// Graph mini-batches make these tensors tens of megabytes: a single thread leaves memory bandwidth idle.
    /// </summary>
    public void Elementwise(int length, Action<int, int> body) => For(length, ElementwiseChunk, 1, body);

    /// <summary>
    /// Splits [0, count) into fixed chunks of <paramref name="chunkSize"/>, lets each chunk fill its own
    /// partial of <paramref name="partialLength"/> floats, and returns the partials summed in chunk order.
    /// The chunking is a function of <paramref name="count"/> only, so the sum is the same at any thread count.
    /// </summary>
    public void Reduce(int count, int chunkSize, int partialLength, long workPerItem, Action<int, int, float[]> body, Span<float> result)
    {
        result.Clear();
        if (count <= 0)
        {
            return;
        }

        chunkSize = Math.Max(1, chunkSize);
        int chunks = (count + chunkSize - 1) / chunkSize;
        var partials = new float[chunks][];
        for (int c = 0; c < chunks; c++)
        {
            partials[c] = Pool.Rent(partialLength, clear: true);
        }

        if (workers is null || chunks == 1 || (long)count * workPerItem < ParallelThreshold)
        {
            for (int c = 0; c < chunks; c++)
            {
                int start = c * chunkSize;
                body(start, Math.Min(count, start + chunkSize), partials[c]);
            }
        }
        else
        {
            workers.Run(chunks, c =>
            {
                int start = c * chunkSize;
                body(start, Math.Min(count, start + chunkSize), partials[c]);
            });
        }

        for (int c = 0; c < chunks; c++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(result, partials[c].AsSpan(0, partialLength), result);
            Pool.Return(partials[c]);
        }
    }
}
