namespace TcpSwarm.Tcp;

/// <summary>connect()'s choice of a local port (RFC 6056 §3.3.4 as __inet_hash_connect does it since 5.12).</summary>
/// <remarks>
/// The start offset is a keyed hash of (source, destination, destination port) plus a perturbation counter for that
/// hash's slot; the scan tries ports of the range's low parity first, two apart, then the other parity. Linux rounds
/// the range's size down to even and wraps by that size, so an odd-sized range hands out one port fewer than it
/// holds (which one depends on the start). Linux keeps 65536 counters;
/// a host here keeps only the slots it has used, each starting from a seeded hash as the kernel's random fill does.
/// </remarks>
public sealed class EphemeralPorts(TcpProfile profile, ulong secret, ulong seed)
{
    private const int PerturbSlots = 1 << 16;
    private readonly Dictionary<int, uint> _perturb = [];
    private SimRandom _random = SimRandom.For(seed, secret, purpose: 0x706F7274);

    /// <summary>Finds a port toward (daddr, dport) in Linux's order; false is EADDRNOTAVAIL.</summary>
    public bool TryChoose<TProbe>(uint saddr, uint daddr, ushort dport, ref TProbe probe, out ushort port,
        out PortVerdict verdict) where TProbe : struct, IPortProbe
    {
        int low = profile.IpLocalPortRangeLow, high = profile.IpLocalPortRangeHigh + 1;
        int remaining = high - low;
        if (remaining > 1) remaining &= ~1;

        ulong portOffset = KeyedHash.Of(secret, saddr, ((ulong)daddr << 16) | dport);
        int index = (int)(portOffset & (PerturbSlots - 1));
        uint slot = Slot(index);
        int offset = (int)((slot + (uint)(portOffset >> 32)) % (uint)remaining) & ~1;

        for (int pass = 0; pass < 2; pass++, offset++)
        {
            int candidate = low + offset;
            for (int i = 0; i < remaining; i += 2, candidate += 2)
            {
                if (candidate >= high) candidate -= remaining;
                verdict = probe.Probe((ushort)candidate);
                if (verdict == PortVerdict.Busy) continue;
                // Spread the next start: at least the ports tried, or a random 0..7 steps on low contention.
                int advance = Math.Max(i, (int)_random.NextBelow(8) * 2);
                _perturb[index] = slot + (uint)advance + 2;
                port = (ushort)candidate;
                return true;
            }
            if (remaining <= 1) break;
        }
        port = 0;
        verdict = PortVerdict.Busy;
        return false;
    }

    private uint Slot(int index) =>
        _perturb.TryGetValue(index, out var v) ? v : (uint)KeyedHash.Of(secret, 0x7065727475726CUL, (ulong)index);
}
