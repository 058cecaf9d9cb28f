namespace TcpSwarm.Tcp;

/// <summary>A set of counter increments, one bit per <see cref="TcpExt"/>; a step counts each at most once.</summary>
public struct TcpExtSet
{
    private ulong _bits;

    public void Add(TcpExt counter) => _bits |= 1UL << (int)counter;
    public readonly bool Contains(TcpExt counter) => (_bits & (1UL << (int)counter)) != 0;
    public readonly bool IsEmpty => _bits == 0;
    public readonly ulong Bits => _bits;
}
