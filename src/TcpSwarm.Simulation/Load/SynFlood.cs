using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Load;

/// <summary>One attacker's spoofed SYNs: a Poisson process at syn_rate from Start to Stop, toward its target.
/// </summary>
/// <remarks>
/// Each SYN, in this order of draws: the exponential gap (mean 1/syn_rate, rounded to the ns; equal instants are
/// allowed, since nothing answers), a source address uniform over spoofed_from, a source port uniform on 1024 to
/// 65535, and a uniform 32-bit ISN. The SYN is bare, as flood tools send it: MSS 1460 and no other option, window
/// 64,240 (Linux's first window for that MSS), no data. Stream: <c>SimRandom.For(seed, Entity, Purpose)</c>.
/// </remarks>
public sealed class SynFlood
{
    /// <summary>The purpose of the flood's stream, "synf".</summary>
    public const ulong Purpose = 0x7379_6E66;

    private const ushort FirstPort = 1024;
    private const uint Ports = 65536 - FirstPort;
    private const ushort SynWindow = 64_240;
    private const ushort SynMss = 1460;

    private readonly AddressRange _spoofedFrom;
    private readonly uint _targetAddress;
    private readonly ushort _targetPort;
    private readonly long _stopNs;
    private readonly double _meanGapNs;
    private SimRandom _rng;
    private long _lastNs;                              // the previous SYN's instant, Start before the first
    private bool _done;

    /// <summary>The flood of <paramref name="attacker"/> at <paramref name="target"/>, the server it names.</summary>
    public SynFlood(AttackerSpec attacker, ServerSpec target, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(attacker);
        ArgumentNullException.ThrowIfNull(target);
        if (attacker.Target != target.Name)
            throw new ArgumentException($"{attacker.Name} floods {attacker.Target}, not {target.Name}", nameof(target));
        _spoofedFrom = attacker.SpoofedFrom;
        (_targetAddress, _targetPort) = (target.Address, target.Port);
        _lastNs = attacker.Start.Ticks * TimeSpan.NanosecondsPerTick;
        _stopNs = attacker.Stop.Ticks * TimeSpan.NanosecondsPerTick;
        _meanGapNs = 1e9 / attacker.SynRatePerSecond;
        Entity = EntityOf(attacker.Name);
        _rng = SimRandom.For(seed, Entity, Purpose);
    }

    /// <summary>The attacker's entity key: a hash of its name with the top bit set, so it is never an address.
    /// </summary>
    /// <remarks>It also keys the attacker's sender stream for the network (<see cref="Paths.Network.SenderStream"/>).
    /// </remarks>
    public ulong Entity { get; }

    /// <summary>The address of the server flooded: every SYN goes there.</summary>
    public uint Target => _targetAddress;

    /// <summary>The next spoofed SYN and its send instant; false, for good, once the next would be at or past Stop.
    /// </summary>
    public bool TryNext(out Instant at, out Segment syn)
    {
        if (!_done)
        {
            double gapNs = -Math.Log(1.0 - _rng.NextDouble()) * _meanGapNs;   // 1 - U is in (0, 1]
            long nextNs = gapNs < _stopNs - _lastNs ? _lastNs + (long)Math.Round(gapNs) : long.MaxValue;
            if (nextNs < _stopNs)
            {
                _lastNs = nextNs;
                uint source = _spoofedFrom.First + _rng.NextBelow((uint)_spoofedFrom.Count);
                ushort port = (ushort)(FirstPort + _rng.NextBelow(Ports));
                var isn = new SeqNum(_rng.NextU32());
                at = new Instant(nextNs);
                syn = new Segment(source, port, _targetAddress, _targetPort, isn, default, TcpFlags.Syn, SynWindow,
                    Length: 0, TcpOptions.Mss, SynMss);
                return true;
            }
            _done = true;
        }
        (at, syn) = (Instant.Never, default);
        return false;
    }

    // FNV-1a over the name's characters: stable across processes, unlike string.GetHashCode.
    private static ulong EntityOf(string name)
    {
        ulong hash = 0xCBF2_9CE4_8422_2325UL;
        foreach (char ch in name) hash = (hash ^ ch) * 0x0000_0100_0000_01B3UL;
        return hash | (1UL << 63);
    }
}
