using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Dense matrix products on row-major tensors. Each output row is owned by one task; the one product that
/// reduces over rows (<see cref="MultiplyTransposeA"/>) sums fixed-size chunk partials in order.
/// </summary>
internal static class Gemm
{
    private const int RowChunk = 64;

    /// <summary>Columns of B per strip: four rows × 64 columns are sixteen accumulators.</summary>
    private const int StripColumns = 64;

    /// <summary>Rows swept over one column strip of B: for k = 145 their A rows and the strip (k × 64) together fit in L1.</summary>
    private const int StripRows = 16;

    /// <summary>
    /// C (m×n) = A (m×k) · B (k×n), or C += when <paramref name="accumulate"/>. With a <paramref name="bias"/> (n values,
    /// not with accumulate) C = A·B + bias: each element is the finished product plus its bias, the same two roundings
    /// as a product followed by a separate bias add, but added while the block is still in L1 instead of in another
    /// pass over C.
    /// </summary>
    public static void Multiply(ComputeContext ctx, Tensor a, Tensor b, Tensor c, bool accumulate, float[]? bias = null)
    {
        Check(a.Columns == b.Rows && c.Rows == a.Rows && c.Columns == b.Columns, "Multiply", a, b, c);
        if (bias is not null && (accumulate || bias.Length < b.Columns))
        {
            throw new ArgumentException($"Multiply: a bias needs {b.Columns} values and no accumulation");
        }

        int m = a.Rows, k = a.Columns, n = b.Columns;
        if (n < 16)
        {
            MultiplyNarrow(ctx, a, b, c, accumulate, bias);
            return;
        }

        // Four-row blocks read B with a stride that is a multiple of 16: a width like ZINC's 145 gets a zero-padded
        // copy of B (k × 160 here; B is a weight, small next to the product) so its last partial vector is one
        // more register per row rather than a scalar chain.
        int ldb = (n + 15) / 16 * 16;
        float[] ab = a.Buffer, bb = b.Buffer, cb = c.Buffer;
        float[] padded = ldb == n ? bb : PadColumns(ctx, bb, k, n, ldb);
        ctx.For(m, RowChunk, (long)k * n, (start, end) =>
        {
            ref float aRef = ref MemoryMarshal.GetArrayDataReference(ab);
            ref float pRef = ref MemoryMarshal.GetArrayDataReference(padded);
            ref float cRef = ref MemoryMarshal.GetArrayDataReference(cb);
            int blocked = start + ((end - start) / 4 * 4);
            for (int rowBlock = start; rowBlock < blocked; rowBlock += StripRows)
            {
                // One strip of B at a time over StripRows rows: the strip stays in L1 while the rows pass.
                int rowEnd = Math.Min(blocked, rowBlock + StripRows);
                for (int j = 0; j < ldb; j += StripColumns)
                {
                    int to = Math.Min(ldb, j + StripColumns);
                    for (int i = rowBlock; i < rowEnd; i += 4)
                    {
                        RowAccumulator.FourRows(ref Unsafe.Add(ref aRef, (nint)i * k), k, ref pRef, ldb, ref Unsafe.Add(ref cRef, (nint)i * n), n, j, to, accumulate);
                        if (bias is not null)
                        {
                            int width = Math.Min(to, n) - j;
                            for (int r = i; r < i + 4; r++)
                            {
                                var row = cb.AsSpan((r * n) + j, width);
                                System.Numerics.Tensors.TensorPrimitives.Add(row, bias.AsSpan(j, width), row);
                            }
                        }
                    }
                }
            }

            for (int i = blocked; i < end; i++)
            {
                RowAccumulator.WeightedRowSum(
                    default, ab.AsSpan(i * k, k), unitWeights: false, identityRows: true, k,
                    ref MemoryMarshal.GetArrayDataReference(bb), n, cb.AsSpan(i * n, n), accumulate);
                if (bias is not null)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(cb.AsSpan(i * n, n), bias.AsSpan(0, n), cb.AsSpan(i * n, n));
                }
            }
        });
        if (!ReferenceEquals(padded, bb))
        {
            ctx.Pool.Return(padded);
        }
    }

    /// <summary>A copy of the rows × columns matrix with each row widened to <paramref name="stride"/> floats, the rest zero.</summary>
    private static float[] PadColumns(ComputeContext ctx, float[] source, int rows, int columns, int stride)
    {
        var padded = ctx.Pool.Rent(rows * stride, clear: true);
        for (int r = 0; r < rows; r++)
        {
            source.AsSpan(r * columns, columns).CopyTo(padded.AsSpan(r * stride, columns));
        }

        return padded;
    }

    /// <summary>C (m×k) = A (m×n) · Bᵀ where B is k×n; the backward of X·W with respect to X.</summary>
    public static void MultiplyTransposeB(ComputeContext ctx, Tensor a, Tensor b, Tensor c, bool accumulate)
    {
        Check(a.Columns == b.Columns && c.Rows == a.Rows && c.Columns == b.Rows, "MultiplyTransposeB", a, b, c);
        int m = a.Rows, n = a.Columns, k = b.Rows;
        var bt = new Tensor(n, k, ctx.Pool.Rent(n * k, clear: false));
        TransposeInto(b.Buffer, k, n, bt.Buffer);
        Multiply(ctx, a, bt, c, accumulate);
        ctx.Pool.Return(bt.Buffer);
    }

    /// <summary>
    /// C (k×n) = Aᵀ · B where A is m×k and B is m×n; the backward of X·W with respect to W. Rows are summed in
    /// fixed chunks whose partials are added in chunk order, so the result does not depend on the thread
    /// count. The wider of k and n is the vector dimension: outer products of a narrow gradient (7 classes)
    /// are accumulated transposed, over the 64 inputs, then transposed back.
    /// </summary>
    public static void MultiplyTransposeA(ComputeContext ctx, Tensor a, Tensor b, Tensor c, bool accumulate)
    {
        Check(a.Rows == b.Rows && c.Rows == a.Columns && c.Columns == b.Columns, "MultiplyTransposeA", a, b, c);
        int m = a.Rows, k = a.Columns, n = b.Columns;
        bool vectorOverN = n >= 16 || n >= k;
        float[] scalars = vectorOverN ? a.Buffer : b.Buffer;
        float[] vectors = vectorOverN ? b.Buffer : a.Buffer;
        int scalarWidth = vectorOverN ? k : n, vectorWidth = vectorOverN ? n : k;
        var result = ctx.Pool.Rent(k * n, clear: false);
        ctx.Reduce(m, ReduceChunk(k * n), k * n, (long)k * n, (start, end, partial) =>
        {
            OuterProductAccumulator.Accumulate(
                scalars.AsSpan(start * scalarWidth, (end - start) * scalarWidth), scalarWidth,
                vectors.AsSpan(start * vectorWidth, (end - start) * vectorWidth), vectorWidth, end - start, partial.AsSpan(0, k * n));
        }, result.AsSpan(0, k * n));
        if (vectorOverN)
        {
            AddOrCopy(result.AsSpan(0, k * n), c.Span, accumulate);
        }
        else
        {
            var transposed = ctx.Pool.Rent(k * n, clear: false);
            TransposeInto(result, n, k, transposed);
            AddOrCopy(transposed.AsSpan(0, k * n), c.Span, accumulate);
            ctx.Pool.Return(transposed);
        }

        ctx.Pool.Return(result);
    }

    /// <summary>Rows per reduction chunk: enough work per chunk to amortise its partial buffer.</summary>
    internal static int ReduceChunk(int partialLength) => Math.Max(128, Math.Min(1024, (1 << 16) / Math.Max(1, partialLength) * 16));

    internal static void AddOrCopy(ReadOnlySpan<float> source, Span<float> destination, bool accumulate)
    {
        if (accumulate)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(destination, source, destination);
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    internal static void TransposeInto(float[] source, int rows, int columns, float[] destination)
    {
        for (int i = 0; i < rows; i++)
        {
            int offset = i * columns;
            for (int j = 0; j < columns; j++)
            {
                destination[(j * rows) + i] = source[offset + j];
            }
        }
    }

    /// <summary>
    /// Outputs narrower than a Vector512 (7 classes, 16 hidden units of one … ): B is copied into a zero-padded
    /// k × 8 or k × 16 block so each output row is one register accumulated over k, then its first n lanes
    /// are stored.
    /// </summary>
    private static void MultiplyNarrow(ComputeContext ctx, Tensor a, Tensor b, Tensor c, bool accumulate, float[]? bias)
    {
        int m = a.Rows, k = a.Columns, n = b.Columns;
        int padded = n <= 8 ? 8 : 16;
        var bp = ctx.Pool.Rent(k * padded, clear: true);
        for (int p = 0; p < k; p++)
        {
            b.Buffer.AsSpan(p * n, n).CopyTo(bp.AsSpan(p * padded, n));
        }

        float[] ab = a.Buffer, cb = c.Buffer;
        ctx.For(m, RowChunk, (long)k * padded, (start, end) =>
        {
            Span<float> row = stackalloc float[16];
            ref float bRef = ref MemoryMarshal.GetArrayDataReference(bp);
            for (int i = start; i < end; i++)
            {
                RowAccumulator.WeightedRowSum(
                    default, ab.AsSpan(i * k, k), unitWeights: false, identityRows: true, k,
                    ref bRef, padded, row.Slice(0, padded), accumulate: false);
                var destination = cb.AsSpan(i * n, n);
                if (bias is not null)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(row.Slice(0, n), bias.AsSpan(0, n), destination);
                }
                else if (accumulate)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(destination, row.Slice(0, n), destination);
                }
                else
                {
                    row.Slice(0, n).CopyTo(destination);
                }
            }
        });
        ctx.Pool.Return(bp);
    }

    private static void Check(bool ok, string op, Tensor a, Tensor b, Tensor c)
    {
        if (!ok)
        {
            throw new ArgumentException($"{op}: shapes do not fit: {a.Rows}x{a.Columns}, {b.Rows}x{b.Columns} -> {c.Rows}x{c.Columns}");
        }
    }
}
