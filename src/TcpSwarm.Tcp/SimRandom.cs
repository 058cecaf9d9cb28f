namespace TcpSwarm.Tcp;

/// <summary>A counter-based generator: output n of a stream is a keyed hash of (key, n), so no draw depends on
/// order.</summary>
/// <remarks>Streams are keyed by (run seed, entity identity); nothing here reads a global random source.</remarks>
public struct SimRandom(ulong key)
{
    private readonly ulong _key = KeyedHash.Mix(key);
    private ulong _counter;

    public static SimRandom For(ulong seed, ulong entity, ulong purpose = 0) =>
        new(KeyedHash.Of(seed, entity, purpose));

    public readonly ulong Counter => _counter;

    public ulong NextU64() => KeyedHash.Mix(_key + (++_counter * 0x9E3779B97F4A7C15UL));

    public uint NextU32() => (uint)(NextU64() >> 32);

    /// <summary>A uniform integer in [0, bound), bound &gt; 0 (Lemire's multiply-shift, bias below 2^-32).</summary>
    public uint NextBelow(uint bound) => (uint)(((ulong)NextU32() * bound) >> 32);

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));
}
