using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Load;

/// <summary>One client address's share of its group's arrivals: when it calls connect(), or its closed-loop share.
/// </summary>
/// <remarks>
/// <para>Per address, so the arrivals a host makes do not depend on how hosts are spread over silos. With n
/// addresses and the group's rate R: constant gives address i the group's evenly spaced arrivals i, i + n, i + 2n,
/// ... (the j-th at Start + j/R, rounded to the ns from j, never accumulated); Poisson gives each address an
/// independent Poisson process of rate R/n (the group's process thinned at random, which is again Poisson); a ramp
/// is non-homogeneous Poisson of rate (from + (to - from)·min(t/over, 1))/n, sampled by exact inversion of its
/// integrated rate (one draw per arrival, none wasted as thinning would), and stages likewise with their piecewise
/// linear rate (<see cref="StageHazard"/>); bursts give address i, at each burst
/// instant, size/n connects plus one more when i &lt; size mod n; a closed loop gives it Concurrent sessions,
/// N/n plus one more when i &lt; N mod n, and no schedule (its host reconnects when a session ends).</para>
/// <para>Next is a function of its argument alone: the stateful processes (Poisson, ramp) cache a cursor and
/// replay from Start, from the same stream, when asked about an earlier instant. Two random arrivals never share a
/// nanosecond: a gap that rounds to 0 ns becomes 1 ns (below 1e-9 s the process cannot tell the difference).
/// Stream: <c>SimRandom.For(seed, the address, Purpose)</c>; one draw per arrival. One per host, like the host's
/// own tables: not for concurrent use.</para>
/// </remarks>
public sealed partial class ConnectSchedule
{
    /// <summary>The purpose of the arrival streams, "conn"; the entity is the client address.</summary>
    public const ulong Purpose = 0x636F_6E6E;

    private const double NsPerSecond = 1e9;

    private readonly ArrivalKind _kind;
    private readonly long _startNs, _stopNs;
    private readonly int _index, _addresses;
    private readonly double _nsPerGroupConnect;          // constant: 1/R, in ns
    private readonly long _everyNs;                      // bursts
    private readonly int _perBurst;

    private ConnectSchedule(ClientGroupSpec group, int index, ulong seed)
    {
        (_index, _addresses) = (index, group.Addresses.Count);
        (_startNs, _stopNs) = (Ns(group.Start), Ns(group.Stop));
        _seed = seed;
        _entity = group.Addresses[index];
        switch (group.Arrivals)
        {
            case ArrivalSpec.Constant c:
                (_kind, _nsPerGroupConnect) = (ArrivalKind.Constant, NsPerSecond / c.PerSecond);
                break;
            case ArrivalSpec.Poisson p:
                (_kind, _meanGapNs) = (ArrivalKind.Poisson, _addresses * NsPerSecond / p.PerSecond);
                break;
            case ArrivalSpec.Ramp r:
                _kind = ArrivalKind.Ramp;
                _ramp = new RampHazard(r.FromPerSecond / _addresses, r.ToPerSecond / _addresses, Ns(r.Over));
                break;
            case ArrivalSpec.Stages st:
                (_kind, _stages) = (ArrivalKind.Stages, new StageHazard(st.Steps, 1.0 / _addresses));
                break;
            case ArrivalSpec.Bursts b:
                (_kind, _everyNs, _perBurst) = (ArrivalKind.Bursts, Ns(b.Every), Share(b.Size));
                break;
            case ArrivalSpec.ClosedLoop l:
                (_kind, Concurrent) = (ArrivalKind.ClosedLoop, Share(l.Concurrent));
                break;
            default:
                throw new ArgumentException($"unknown arrivals {group.Arrivals}", nameof(group));
        }
        Restart();
    }

    /// <summary>The schedule of the group's address number <paramref name="addressIndex"/> (0 to Count - 1).
    /// </summary>
    public static ConnectSchedule For(ClientGroupSpec group, int addressIndex, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegative(addressIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(addressIndex, group.Addresses.Count);
        return new ConnectSchedule(group, addressIndex, seed);
    }

    /// <summary>A closed loop: no schedule; the host keeps <see cref="Concurrent"/> sessions going from Start.
    /// </summary>
    public bool IsClosedLoop => _kind == ArrivalKind.ClosedLoop;

    /// <summary>This address's share of a closed loop's sessions; 0 for the open processes.</summary>
    public int Concurrent { get; }

    /// <summary>The first connect() instant strictly after <paramref name="after"/> inside the group's [Start, Stop),
    /// or <see cref="Instant.Never"/>. Pass <c>new Instant(-1)</c> for the first, since Start is never negative.
    /// </summary>
    public Instant Next(Instant after) => Next(after, out _);

    /// <summary>As <see cref="Next(Instant)"/>, with how many connect() calls this address makes at that instant:
    /// 1, except at a burst where the address's share is more than one (size above the group's addresses); 0 with
    /// <see cref="Instant.Never"/>.</summary>
    public Instant Next(Instant after, out int connects)
    {
        long afterNs = after.Nanoseconds;
        long at = afterNs >= _stopNs - 1 ? long.MaxValue : _kind switch
        {
            ArrivalKind.Constant => NextConstant(afterNs),
            ArrivalKind.Bursts => NextBurst(afterNs),
            ArrivalKind.Poisson or ArrivalKind.Ramp or ArrivalKind.Stages => NextRandom(afterNs),
            _ => long.MaxValue,
        };
        connects = at == long.MaxValue ? 0 : _kind == ArrivalKind.Bursts ? _perBurst : 1;
        return at == long.MaxValue ? Instant.Never : new Instant(at);
    }

    // Address i owns the group's arrivals j = i + k·n, the j-th at Start + round(j/R). The estimate of k from
    // `after` can be one off either way by rounding; the two loops settle it in a step or two.
    private long NextConstant(long afterNs)
    {
        long k = 0;
        if (afterNs >= _startNs)
        {
            double groupArrivals = (afterNs - _startNs) / _nsPerGroupConnect;
            k = (long)Math.Max(0, Math.Floor((groupArrivals - _index) / _addresses));
        }
        while (k > 0 && ConstantNs(k - 1) > afterNs) k--;
        while (ConstantNs(k) <= afterNs) k++;          // ends: ConstantNs is Never at or past Stop, and after < Stop
        return ConstantNs(k);
    }

    private long ConstantNs(long k)
    {
        double offset = (_index + (double)k * _addresses) * _nsPerGroupConnect;
        return offset >= _stopNs - _startNs ? long.MaxValue : _startNs + (long)Math.Round(offset);
    }

    private long NextBurst(long afterNs)
    {
        if (_perBurst == 0) return long.MaxValue;     // more addresses than the burst's size: this one sits out
        long burst = afterNs < _startNs ? 0 : (afterNs - _startNs) / _everyNs + 1;
        return burst > (_stopNs - 1 - _startNs) / _everyNs ? long.MaxValue : _startNs + burst * _everyNs;
    }

    // N spread over the addresses: N/n each, and the first N mod n addresses one more.
    private int Share(int total) => total / _addresses + (_index < total % _addresses ? 1 : 0);

    private static long Ns(TimeSpan span) => span.Ticks * TimeSpan.NanosecondsPerTick;

    private enum ArrivalKind : byte { Constant, Poisson, Ramp, Stages, Bursts, ClosedLoop }
}
