namespace TcpSwarm.Simulation.Model;

/// <summary>A client group's addresses in the order connections take them: one or more runs of consecutive
/// addresses (a CIDR block is one run; a list or { from, count } may give several).</summary>
/// <remarks>The runs never overlap (the scenario loader refuses an address twice). Index i counts through the runs
/// in order, so a group's i-th host is the same whatever form gave it.</remarks>
public sealed record AddressSet
{
    private readonly AddressRange[] _ranges;
    private readonly int[] _startIndex;                    // index of each run's first address

    public AddressSet(IReadOnlyList<AddressRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Count == 0) throw new ArgumentException("an address set needs at least one address", nameof(ranges));
        _ranges = [.. ranges];
        _startIndex = new int[_ranges.Length];
        long count = 0;
        for (int r = 0; r < _ranges.Length; r++)
        {
            _startIndex[r] = (int)count;
            count += _ranges[r].Count;
        }
        Count = checked((int)count);
    }

    /// <summary>One run of consecutive addresses, such as a CIDR block.</summary>
    public static implicit operator AddressSet(AddressRange range) => new([range]);

    /// <summary>The runs, in order.</summary>
    public IReadOnlyList<AddressRange> Ranges => _ranges;

    /// <summary>How many addresses, at least 1.</summary>
    public int Count { get; }

    /// <summary>The first address (index 0).</summary>
    public uint First => _ranges[0].First;

    /// <summary>The i-th address, 0 &lt;= i &lt; Count.</summary>
    public uint this[int i]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Count);
            int r = Array.BinarySearch(_startIndex, i);
            if (r < 0) r = ~r - 1;
            return _ranges[r][i - _startIndex[r]];
        }
    }

    public bool Contains(uint address) => IndexOf(address) >= 0;

    /// <summary>The index of an address in the set, or -1.</summary>
    public int IndexOf(uint address)
    {
        for (int r = 0; r < _ranges.Length; r++)
            if (_ranges[r].Contains(address)) return _startIndex[r] + (int)(address - _ranges[r].First);
        return -1;
    }

    public bool Equals(AddressSet? other) =>
        other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges) hash.Add(r);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        _ranges.Length == 1 ? _ranges[0].ToString() : $"{Count} addresses ({string.Join(", ", _ranges)})";
}
