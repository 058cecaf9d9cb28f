namespace TcpSwarm.Tcp;

/// <summary>Running totals of the <see cref="TcpExt"/> counters, as one nstat reading.</summary>
public sealed class TcpExtCounters
{
    public static readonly int Count = Enum.GetValues<TcpExt>().Length;
    private readonly long[] _values = new long[Count];

    public long this[TcpExt counter] => _values[(int)counter];
    public void Increment(TcpExt counter) => _values[(int)counter]++;

    public void Add(TcpExtSet set)
    {
        var bits = set.Bits;
        while (bits != 0)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            _values[i]++;
            bits &= bits - 1;
        }
    }

    public void Clear() => Array.Clear(_values);

    public void Add(TcpExtCounters other)
    {
        for (int i = 0; i < _values.Length; i++) _values[i] += other._values[i];
    }

    public void AddTo(TcpExtCounters total)
    {
        for (int i = 0; i < _values.Length; i++) total._values[i] += _values[i];
    }
}
