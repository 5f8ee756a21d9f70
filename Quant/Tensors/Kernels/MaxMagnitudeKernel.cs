using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// The largest |x| of a row, as MathF.Abs(TensorPrimitives.MaxMagnitude(row)) gives it (NaN when the row holds a NaN),
/// for the Nearest Neighbor Strategy's per-node search. A maximum does not depend on the order it is taken in, so
/// this is the same value; it runs in registers, where TensorPrimitives' general path had cost as much per 64-float
/// row as quantizing the row.
/// </summary>
internal static class MaxMagnitudeKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float AbsoluteMaximum(ReadOnlySpan<float> row)
    {
        if (row.IsEmpty)
        {
            throw new ArgumentException("the largest magnitude of an empty row is undefined");
        }

        ref float r = ref MemoryMarshal.GetReference(row);
        int i = 0;
        float maximum = 0f;
        if (row.Length >= 16)
        {
            var largest = Vector512<float>.Zero;
            for (; i + 16 <= row.Length; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref r, (nuint)i);
                if (!Vector512.EqualsAll(v, v))
                {
                    return float.NaN;
                }

                largest = Vector512.Max(largest, Vector512.Abs(v));
            }

            for (int lane = 0; lane < 16; lane++)
            {
                maximum = Math.Max(maximum, largest.GetElement(lane));
            }
        }

        for (; i < row.Length; i++)
        {
            float v = Unsafe.Add(ref r, i);
            if (float.IsNaN(v))
            {
                return float.NaN;
            }

            maximum = Math.Max(maximum, MathF.Abs(v));
        }

        return maximum;
    }
}
