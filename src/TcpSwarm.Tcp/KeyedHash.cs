namespace TcpSwarm.Tcp;

/// <summary>Keyed 64-bit hashing for the model's secrets (ISN, syncookies, port offsets): deterministic per
/// seed.</summary>
/// <remarks>Linux uses siphash with a boot-random key; a strong mixer with a run-seeded key gives the same
/// spread.</remarks>
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
