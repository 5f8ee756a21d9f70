using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A numpy array as pickled: <c>_reconstruct(ndarray, (0,), 'b')</c> makes an empty array, then BUILD with
/// <c>(version, shape, dtype, is_fortran, raw bytes)</c> fills it. The raw bytes stay a view of the file buffer
/// until a typed copy is asked for.
/// </summary>
internal sealed class NumpyArray(string source)
{
    public string Source { get; } = source;

    public int[] Shape { get; private set; } = [0];

    public NumpyDtype? Dtype { get; private set; }

    public ReadOnlyMemory<byte> Data { get; private set; }

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (int d in Shape)
            {
                count *= d;
            }

            return count;
        }
    }

    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    /// <summary>Applies <c>ndarray.__setstate__</c>, checking that the byte count matches shape × item size.</summary>
    public void SetState(PickleTuple state, int buildOffset)
    {
        if (state.Count != 5
            || state[1] is not PickleTuple shape
            || state[2] is not NumpyDtype dtype
            || state[3] is not bool isFortran
            || state[4] is not PickleString raw)
        {
            throw Fail($"the numpy array state at byte {buildOffset} is not (version, shape, dtype, is_fortran, raw bytes)");
        }

        var dimensions = new int[shape.Count];
        for (int i = 0; i < shape.Count; i++)
        {
            if (shape[i] is not long d || d < 0 || d > int.MaxValue)
            {
                throw Fail($"the numpy array at byte {buildOffset} has shape entry {PickleReader.Describe(shape[i])}, expected a non-negative int");
            }

            dimensions[i] = (int)d;
        }

        // Fortran order would transpose 2-D data; the Planetoid files are all C-ordered.
        if (isFortran && dimensions.Count(d => d > 1) > 1)
        {
            throw Fail($"the numpy array at byte {buildOffset} is Fortran-ordered; only C-ordered arrays are supported");
        }

        Shape = dimensions;
        Dtype = dtype;
        long expectedBytes = ElementCount * dtype.ItemSize;
        if (raw.Length != expectedBytes)
        {
            throw Fail($"shape mismatch: the numpy array at byte {buildOffset} has shape {ShapeText} of {dtype.Name} "
                + $"({expectedBytes} bytes) but holds {raw.Length} bytes of data");
        }

        Data = raw.Bytes;
    }

    /// <summary>A copy as int32; int64 values are narrowed with a range check. Float arrays are rejected.</summary>
    public int[] ToInt32Array(string role)
    {
        var dtype = RequireBuilt(role);
        if (!dtype.IsInteger)
        {
            throw Fail($"wrong dtype: {role} is {dtype.Name}, expected an integer array (int32 or int64)");
        }

        var result = new int[ElementCount];
        var span = Data.Span;
        if (dtype.ItemSize == 4)
        {
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, int>(span).CopyTo(result);
            }
            else
            {
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
                }
            }

            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            long value = BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]);
            if (value is < int.MinValue or > int.MaxValue)
            {
                throw Fail($"{role}[{i}] = {value} does not fit in 32 bits");
            }

            result[i] = (int)value;
        }

        return result;
    }

    /// <summary>A copy as float32; float64 values are rounded, as PyG's <c>.float()</c> does. Integer arrays are rejected.</summary>
    public float[] ToSingleArray(string role)
    {
        var dtype = RequireBuilt(role);
        if (dtype.IsInteger)
        {
            throw Fail($"wrong dtype: {role} is {dtype.Name}, expected a float array (float32 or float64)");
        }

        var result = new float[ElementCount];
        var span = Data.Span;
        if (dtype.ItemSize == 4)
        {
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(span).CopyTo(result);
            }
            else
            {
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]);
                }
            }

            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(span[(i * 8)..]);
        }

        return result;
    }

    private NumpyDtype RequireBuilt(string role) =>
        Dtype ?? throw Fail($"{role} is a numpy array whose contents were never set (no BUILD)");

    private DatasetFormatException Fail(string problem) => new(Source, problem);
}
