namespace TcpSwarm.Simulation.Model;

/// <summary>Consecutive IPv4 addresses as host-order uints (<see cref="Tcp.Ipv4"/>): First and Count.
/// </summary>
/// <param name="First">The first address; a CIDR block starts at its network address.</param>
/// <param name="Count">How many addresses, at least 1; every address of a CIDR block counts, .0 and .255 too.</param>
public readonly record struct AddressRange(uint First, int Count)
{
    public uint Last => First + (uint)(Count - 1);

    public bool Contains(uint address) => address - First < (uint)Count;

    /// <summary>The i-th address, 0 &lt;= i &lt; Count.</summary>
    public uint this[int i] =>
        (uint)i < (uint)Count ? First + (uint)i : throw new ArgumentOutOfRangeException(nameof(i));

    public override string ToString()
    {
        if (Count == 1) return Tcp.Ipv4.Format(First);
        if ((Count & (Count - 1)) == 0 && (First & (uint)(Count - 1)) == 0)
            return $"{Tcp.Ipv4.Format(First)}/{32 - System.Numerics.BitOperations.Log2((uint)Count)}";
        return $"{Tcp.Ipv4.Format(First)}-{Tcp.Ipv4.Format(Last)}";
    }
}
