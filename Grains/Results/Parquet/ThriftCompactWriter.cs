using System.Buffers;
using System.Text;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Serializes Thrift structs in the compact protocol (the encoding of Parquet's page headers and footer).
/// The caller drives the shape: Begin/End a struct, then write fields by id; a list field is followed by
/// exactly as many element writes as its header announced.
/// </summary>
internal sealed class ThriftCompactWriter
{
    private readonly ArrayBufferWriter<byte> output = new();
    private readonly Stack<short> enclosingLastFieldIds = new();
    private short lastFieldId;

    public ReadOnlySpan<byte> WrittenSpan => output.WrittenSpan;

    public byte[] ToArray() => output.WrittenSpan.ToArray();

    /// <summary>Starts a struct at the top level or as a list element; field ids count from 0 again inside it.</summary>
    public void BeginStruct()
    {
        enclosingLastFieldIds.Push(lastFieldId);
        lastFieldId = 0;
    }

    /// <summary>Writes the stop field and returns to the enclosing struct's field numbering.</summary>
    public void EndStruct()
    {
        if (enclosingLastFieldIds.Count == 0)
        {
            throw new InvalidOperationException("EndStruct without a matching BeginStruct.");
        }
        WriteByte(0);
        lastFieldId = enclosingLastFieldIds.Pop();
    }

    public void BeginStructField(short fieldId)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.Struct);
        BeginStruct();
    }

    /// <summary>A struct field whose struct has no fields, such as Parquet's StringType or MilliSeconds.</summary>
    public void WriteEmptyStructField(short fieldId)
    {
        BeginStructField(fieldId);
        EndStruct();
    }

    // Booleans carry their value in the field header's type nibble and have no body.
    public void WriteBoolField(short fieldId, bool value) =>
        WriteFieldHeader(fieldId, value ? ThriftCompactType.BooleanTrue : ThriftCompactType.BooleanFalse);

    public void WriteI16Field(short fieldId, short value)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.I16);
        WriteI32(value);
    }

    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.I32);
        WriteI32(value);
    }

    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.I64);
        WriteI64(value);
    }

    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short fieldId, string value)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.Binary);
        WriteString(value);
    }

    public void BeginListField(short fieldId, ThriftCompactType elementType, int count)
    {
        WriteFieldHeader(fieldId, ThriftCompactType.List);
        WriteListHeader(elementType, count);
    }

    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        output.Write(value);
    }

    public void WriteString(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    /// <summary>Unsigned LEB128: 7 bits per byte, least significant group first, high bit set on all but the last.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    /// <summary>Maps 0, -1, 1, -2, … to 0, 1, 2, 3, … so that small negative numbers make short varints.</summary>
    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteFieldHeader(short fieldId, ThriftCompactType type)
    {
        var delta = fieldId - lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            // Long form: the type alone, then the absolute id as a zigzag varint (i16 travels as i32).
            WriteByte((byte)type);
            WriteI32(fieldId);
        }
        lastFieldId = fieldId;
    }

    private void WriteListHeader(ThriftCompactType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (elementType is ThriftCompactType.BooleanTrue or ThriftCompactType.BooleanFalse)
        {
            // Boolean list elements are one byte each, not header-encoded; nothing in Parquet's footer needs them.
            throw new NotSupportedException("Lists of booleans are not supported.");
        }
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((uint)count);
        }
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
