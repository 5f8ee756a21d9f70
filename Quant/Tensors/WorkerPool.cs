using System.Runtime.ExceptionServices;

namespace A2Q.Quant.Tensors;

/// <summary>
/// A few dedicated threads that run the chunks of one parallel loop at a time, with the calling thread
/// taking chunks too. Workers spin briefly between loops before they sleep: a training step issues
/// kernels tens of microseconds apart, and waking a sleeping pool thread (what Parallel.For does) costs
/// more than most of these kernels. Each loop is a fresh job object, so a worker that wakes late can only
/// ever claim chunks of the job it saw, never of the next one.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int SpinIterations = 20_000;

    private readonly Thread[] threads;
    private readonly object gate = new();
    private Job? current;
    private int sleepers;
    private volatile bool disposed;

    public WorkerPool(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"a2q-worker-{w}" };
            threads[w].Start();
        }
    }

    /// <summary>Runs body(0) … body(chunks − 1), each exactly once, and returns when all are done.</summary>
    public void Run(int chunks, Action<int> body)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var job = new Job(chunks, body);

        // The exchange is a full fence: a worker that announces itself as a sleeper after this point
        // will see the job before it waits; one that announced before is woken below.
        Interlocked.Exchange(ref current, job);
        if (Volatile.Read(ref sleepers) > 0)
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }

        job.Work();
        var spin = default(SpinWait);
        while (Volatile.Read(ref job.Completed) < chunks)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        if (job.Failure is { } failure)
        {
            failure.Throw();
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        lock (gate)
        {
            Monitor.PulseAll(gate);
        }

        foreach (var t in threads)
        {
            t.Join();
        }
    }

    private void WorkerLoop()
    {
        Job? seen = null;
        while (!disposed)
        {
            var job = Volatile.Read(ref current);
            for (int i = 0; i < SpinIterations && job == seen && !disposed; i++)
            {
                Thread.SpinWait(8);
                job = Volatile.Read(ref current);
            }

            if (job == seen)
            {
                Interlocked.Increment(ref sleepers);
                lock (gate)
                {
                    while (Volatile.Read(ref current) == seen && !disposed)
                    {
                        Monitor.Wait(gate);
                    }
                }

                Interlocked.Decrement(ref sleepers);
                continue;
            }

            seen = job;
            job!.Work();
        }
    }

    private sealed class Job(int chunks, Action<int> body)
    {
        public int Completed;
        public ExceptionDispatchInfo? Failure;
        private int next = -1;

        public void Work()
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                try
                {
                    body(chunk);
                }
                catch (Exception e)
                {
                    Failure ??= ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    Interlocked.Increment(ref Completed);
                }
            }
        }
    }
}
