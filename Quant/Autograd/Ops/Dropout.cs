using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    private const int DropoutChunk = 16_384;

    /// <summary>
    /// Inverted dropout: each element is zeroed with probability p and the rest scaled by 1/(1−p). The mask
    /// is a function of (stream key, element index), so it is the same whichever thread draws which chunk,
    /// and the backward pass regenerates it instead of storing it.
    /// Identity when <paramref name="training"/> is false or p = 0.
    /// </summary>
    public static Variable Dropout(Variable x, float p, bool training, CounterRandom random)
    {
        CheckDropoutProbability(p);
        if (!training || p == 0f)
        {
            return x;
        }

        var tape = Tape.Of(x);
        int n = x.Value.Length;
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        float scale = 1f / (1f - p);
        uint threshold = DropoutMask.Threshold(p);
        ulong key = random.Key;
        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        tape.Compute.For(n, DropoutChunk, 2, (start, end) =>
            DropoutMask.Apply(key, start, threshold, scale, xs.AsSpan(start, end - start), ys.AsSpan(start, end - start)));
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Buffer;
            var gys = gy.Buffer;
            tape.Compute.For(n, DropoutChunk, 2, (start, end) =>
                DropoutMask.AccumulateGradient(key, start, threshold, scale, gys.AsSpan(start, end - start), g.AsSpan(start, end - start)));
        });
        return result;
    }

    /// <summary>
    /// Dropout on a constant sparse input: only stored entries can be dropped (dropping a zero changes
    /// nothing), so the mask is drawn for the non-zeros only, as Kipf's sparse_dropout does.
    /// </summary>
    public static SparseMatrix SparseDropout(Tape tape, SparseMatrix x, float p, bool training, CounterRandom random)
    {
        CheckDropoutProbability(p);
        if (!training || p == 0f)
        {
            return x;
        }

        var values = tape.AllocateScratch(x.NonZeros, clear: false);
        float scale = 1f / (1f - p);
        uint threshold = DropoutMask.Threshold(p);
        ulong key = random.Key;
        var source = x.Values;
        tape.Compute.For(x.NonZeros, DropoutChunk, 2, (start, end) =>
            DropoutMask.Apply(key, start, threshold, scale, source.AsSpan(start, end - start), values.AsSpan(start, end - start)));
        return x.WithValues(values);
    }

    private static void CheckDropoutProbability(float p)
    {
        if (p is < 0f or >= 1f || float.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        }
    }
}
