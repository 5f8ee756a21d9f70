using System.Security.Cryptography;
using System.Text;

namespace A2Q.Quant.Training.Checkpoints;

/// <summary>
/// The framing of a checkpoint file: a magic line, a format version, the payload's length, the payload, and the
/// payload's SHA-256. A file cut short by a crash or altered on disk fails <see cref="Unframe"/> with a message
/// naming it, instead of resuming a run from half a state.
/// </summary>
public static class CheckpointFormat
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("A2QCKPT\n");

    public const int Version = 1;

    public static byte[] Frame(byte[] payload)
    {
        using var buffer = new MemoryStream(payload.Length + 64);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write((long)payload.Length);
            writer.Write(payload);
            writer.Write(SHA256.HashData(payload));
        }

        return buffer.ToArray();
    }

    /// <summary>The payload of a framed file; <paramref name="source"/> names it in errors.</summary>
    public static byte[] Unframe(byte[] framed, string source)
    {
        int header = Magic.Length + sizeof(int) + sizeof(long);
        if (framed.Length < header || !framed.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source}: not an A2Q checkpoint (no A2QCKPT header)");
        }

        int version = BitConverter.ToInt32(framed, Magic.Length);
        if (version != Version)
        {
            throw new InvalidDataException($"{source}: checkpoint format {version}, this build reads {Version}");
        }

        long length = BitConverter.ToInt64(framed, Magic.Length + sizeof(int));
        if (length < 0 || header + length + 32 != framed.Length)
        {
            throw new InvalidDataException($"{source}: truncated or padded checkpoint ({framed.Length} bytes, the header promises {header + length + 32})");
        }

        var payload = framed.AsSpan(header, (int)length).ToArray();
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(framed.AsSpan(header + (int)length, 32)))
        {
            throw new InvalidDataException($"{source}: checkpoint checksum mismatch (the file was altered or half-written)");
        }

        return payload;
    }

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads a float array written by <see cref="WriteFloats"/>, which must hold <paramref name="expected"/> values.</summary>
    public static float[] ReadFloats(BinaryReader reader, int expected, string what)
    {
        int length = reader.ReadInt32();
        if (length != expected)
        {
            throw new InvalidDataException($"checkpoint: {what} has {length} values, the model {expected}");
        }

        var values = new float[length];
        var bytes = reader.ReadBytes(length * sizeof(float));
        if (bytes.Length != length * sizeof(float))
        {
            throw new InvalidDataException($"checkpoint: {what} ends early");
        }

        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public static double[] ReadDoubles(BinaryReader reader)
    {
        var values = new double[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }
}
