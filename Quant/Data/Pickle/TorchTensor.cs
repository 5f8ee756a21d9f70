using System.Buffers.Binary;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A tensor as <c>torch.save</c> pickles it: <c>_rebuild_tensor_v2(storage, storage_offset, size, stride,
/// requires_grad, backward_hooks[, metadata])</c>, a strided view of a <see cref="TorchStorage"/>. Values are
/// copied out in row-major order whatever the strides.
/// </summary>
internal sealed class TorchTensor
{
    private readonly TorchStorage storage;
    private readonly long offset;
    private readonly long[] strides;

    private TorchTensor(TorchStorage storage, long offset, int[] shape, long[] strides)
    {
        this.storage = storage;
        this.offset = offset;
        this.strides = strides;
        Shape = shape;
    }

    public int[] Shape { get; }

    public long ElementCount => Shape.Aggregate(1L, (product, d) => product * d);

    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    public bool IsInteger => storage.IsInteger;

    public static TorchTensor Rebuild(TorchStorage storage, PickleTuple args, int opcodeOffset)
    {
        if (args[1] is not long offset || offset < 0 || args[2] is not PickleTuple size || args[3] is not PickleTuple stride || size.Count != stride.Count)
        {
            throw Fail(storage, $"_rebuild_tensor_v2 at byte {opcodeOffset} has arguments ({string.Join(", ", args.Items.Select(PickleReader.Describe))}), "
                + "expected (storage, offset, size tuple, stride tuple of the same length, …)");
        }

        var shape = new int[size.Count];
        var strides = new long[size.Count];
        long lastElement = offset;
        for (int d = 0; d < shape.Length; d++)
        {
            if (size[d] is not long extent || extent < 0 || extent > int.MaxValue || stride[d] is not long step || step < 0)
            {
                throw Fail(storage, $"_rebuild_tensor_v2 at byte {opcodeOffset} has size {PickleReader.Describe(size[d])} and stride "
                    + $"{PickleReader.Describe(stride[d])} in dimension {d}, expected non-negative ints");
            }

            shape[d] = (int)extent;
            strides[d] = step;
            lastElement += (extent - 1) * step;
        }

        var tensor = new TorchTensor(storage, offset, shape, strides);
        if (tensor.ElementCount > 0 && lastElement >= storage.ElementCount)
        {
            throw Fail(storage, $"the tensor of shape {tensor.ShapeText} at byte {opcodeOffset} reaches element {lastElement} of storage "
                + $"{storage.Key}, which holds only {storage.ElementCount} ({storage.TypeName}); the archive is truncated or corrupt");
        }

        return tensor;
    }

    /// <summary>Row-major int64 values; float tensors are rejected.</summary>
    public long[] ToInt64Array(string role)
    {
        if (!storage.IsInteger)
        {
            throw Fail(storage, $"wrong dtype: {role} is a {storage.TypeName} tensor, expected an integer tensor");
        }

        var bytes = storage.Bytes;
        return StorageIndices().Select(i => storage.ItemSize == 8
            ? BinaryPrimitives.ReadInt64LittleEndian(bytes.Span[(int)(i * 8)..])
            : BinaryPrimitives.ReadInt32LittleEndian(bytes.Span[(int)(i * 4)..])).ToArray();
    }

    /// <summary>Row-major float32 values (float64 rounded, as <c>.float()</c> does); integer tensors are rejected.</summary>
    public float[] ToSingleArray(string role)
    {
        if (storage.IsInteger)
        {
            throw Fail(storage, $"wrong dtype: {role} is a {storage.TypeName} tensor, expected a float tensor");
        }

        var bytes = storage.Bytes;
        return StorageIndices().Select(i => storage.ItemSize == 4
            ? BinaryPrimitives.ReadSingleLittleEndian(bytes.Span[(int)(i * 4)..])
            : (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.Span[(int)(i * 8)..])).ToArray();
    }

    /// <summary>Storage element index of every tensor element, in row-major order.</summary>
    private IEnumerable<long> StorageIndices()
    {
        long count = ElementCount;
        var index = new int[Shape.Length];
        for (long n = 0; n < count; n++)
        {
            long position = offset;
            for (int d = 0; d < Shape.Length; d++)
            {
                position += index[d] * strides[d];
            }

            yield return position;
            for (int d = Shape.Length - 1; d >= 0 && ++index[d] == Shape[d]; d--)
            {
                index[d] = 0;
            }
        }
    }

    private static DatasetFormatException Fail(TorchStorage storage, string problem) => new(storage.Source, problem);
}
