namespace A2Q.Quant.Data.Folds;

/// <summary>
/// numpy's legacy <c>numpy.random.RandomState(seed)</c> for an integer seed, reproduced bit for bit so folds drawn
/// with it in Python (scikit-learn's <c>random_state=12345</c>) can be drawn identically here. The generator is
/// MT19937 (Matsumoto &amp; Nishimura 1998) seeded with <c>init_genrand</c>, which is what numpy's
/// <c>_legacy_seeding</c> does for an int (only array seeds go through <c>init_by_array</c>).
/// </summary>
public sealed class NumpyRandomState
{
    private const int StateSize = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] state = new uint[StateSize];
    private int position;

    public NumpyRandomState(uint seed)
    {
        // Knuth's multiplier, as in the reference init_genrand and numpy's mt19937_seed.
        state[0] = seed;
        for (int i = 1; i < StateSize; i++)
        {
            state[i] = (1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i;
        }

        position = StateSize;
    }

    /// <summary>The next 32-bit output (reference <c>genrand_int32</c>, numpy's <c>next_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (position >= StateSize)
        {
            Regenerate();
        }

        uint y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>random_sample()</c>: a double in [0, 1) from 53 random bits (27 of one word, 26 of the next).</summary>
    public double RandomSample()
    {
        uint high = NextUInt32() >> 5, low = NextUInt32() >> 6;
        return ((high * 67108864.0) + low) / 9007199254740992.0;
    }

    /// <summary>
    /// numpy's <c>random_interval(max)</c>: uniform in [0, <paramref name="max"/>] by masking to the smallest
    /// all-ones bit pattern covering max and rejecting values above it (32-bit draws while max fits in 32 bits).
    /// </summary>
    public ulong RandomInterval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;

        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max)
            {
            }
        }

        return value;
    }

    /// <summary>
    /// <c>RandomState.shuffle</c> of a 1-D array: Fisher–Yates from the last element down, swapping element i with
    /// <c>random_interval(i)</c>, for i = n−1 … 1.
    /// </summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i >= 1; i--)
        {
            int j = (int)RandomInterval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>RandomState.permutation(n)</c>: a shuffled 0 … n−1.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int[] values = Enumerable.Range(0, count).ToArray();
        Shuffle<int>(values);
        return values;
    }

    private void Regenerate()
    {
        for (int k = 0; k < StateSize; k++)
        {
            uint y = (state[k] & UpperMask) | (state[(k + 1) % StateSize] & LowerMask);
            state[k] = state[(k + ShiftSize) % StateSize] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }

        position = 0;
    }
}
