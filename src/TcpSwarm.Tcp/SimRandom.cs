namespace TcpSwarm.Tcp;

/// <summary>A counter-based generator: output n of a stream is a keyed hash of (key, n), so no draw depends on order.</summary>
/// <remarks>Streams are keyed by (run seed, entity identity); nothing here reads a global random source.</remarks>
public struct SimRandom(ulong key)
{
    private readonly ulong _key = KeyedHash.Mix(key);
    private ulong _counter;

    public static SimRandom For(ulong seed, ulong entity, ulong purpose = 0) => new(KeyedHash.Of(seed, entity, purpose));

    public readonly ulong Counter => _counter;

    public ulong NextU64() => KeyedHash.Mix(_key + (++_counter * 0x9E3779B97F4A7C15UL));

    public uint NextU32() => (uint)(NextU64() >> 32);

    /// <summary>A uniform integer in [0, bound), bound &gt; 0 (Lemire's multiply-shift, bias below 2^-32).</summary>
    public uint NextBelow(uint bound) => (uint)(((ulong)NextU32() * bound) >> 32);

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));
}

/// <summary>Keyed 64-bit hashing for the model's secrets (ISN, syncookies, port offsets): deterministic per seed.</summary>
/// <remarks>Linux uses siphash with a boot-random key; a strong mixer with a run-seeded key gives the same spread.</remarks>
public static class KeyedHash
{
    /// <summary>SplitMix64's finalizer: every input bit flips about half the output bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(ulong key, ulong a) => Mix(Mix(key ^ 0x6A09E667F3BCC909UL) + a);
    public static ulong Of(ulong key, ulong a, ulong b) => Mix(Of(key, a) + b);
    public static ulong Of(ulong key, ulong a, ulong b, ulong c) => Mix(Of(key, a, b) + c);

    public static ulong Of(ulong key, in SocketPair p) =>
        Of(key, ((ulong)p.LocalAddr << 32) | p.RemoteAddr, ((ulong)p.LocalPort << 16) | p.RemotePort);
}
