namespace A2Q.Quant.Tensors;

/// <summary>
/// A deterministic random source (xoshiro256**, seeded through SplitMix64). Sequential draws serve
/// initialisation; <see cref="NextStreamKey"/> hands out keys for <see cref="CounterRandom"/>, whose values
/// depend on (key, index) only, so masks drawn in parallel chunks are the same at any thread count.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;

    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The generator's state, for a checkpoint: <see cref="Restore"/> continues the same sequence.</summary>
    internal ulong[] Snapshot() => [s0, s1, s2, s3];

    internal void Restore(ulong[] state)
    {
        if (state.Length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0)
        {
            throw new InvalidDataException("a generator state is four words, not all zero");
        }

        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 24 bits, the resolution of a float.</summary>
    public float NextFloat() => (int)(NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public float Uniform(float low, float high) => low + ((high - low) * NextFloat());

    /// <summary>A standard normal draw (Box–Muller on two doubles).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An integer in [0, n).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 33) % (ulong)n);
    }

    public CounterRandom NextStreamKey() => new(NextUInt64());

    internal static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
