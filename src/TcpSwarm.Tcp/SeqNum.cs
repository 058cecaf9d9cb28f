namespace TcpSwarm.Tcp;

/// <summary>A 32-bit sequence number ordered by the sign of the difference (RFC 9293 §3.4), so it wraps.</summary>
/// <remarks>The order is not transitive across more than 2^31, so a SeqNum is never a sort key.</remarks>
public readonly record struct SeqNum(uint Value)
{
    public static SeqNum operator +(SeqNum s, int n) => new(unchecked(s.Value + (uint)n));
    public static SeqNum operator +(SeqNum s, uint n) => new(unchecked(s.Value + n));
    public static SeqNum operator -(SeqNum s, int n) => new(unchecked(s.Value - (uint)n));

    /// <summary>The signed distance from b to a: positive when a is after b.</summary>
    public static int operator -(SeqNum a, SeqNum b) => unchecked((int)(a.Value - b.Value));

    public static bool operator <(SeqNum a, SeqNum b) => a - b < 0;
    public static bool operator >(SeqNum a, SeqNum b) => a - b > 0;
    public static bool operator <=(SeqNum a, SeqNum b) => a - b <= 0;
    public static bool operator >=(SeqNum a, SeqNum b) => a - b >= 0;

    /// <summary>low ≤ this &lt; high, in sequence space.</summary>
    public bool InRange(SeqNum low, SeqNum high) => this - low >= 0 && high - this > 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
