using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>The scenario's paths and faults: decides each sent segment's fate and arrival instants.</summary>
/// <remarks>
/// <para>Routing. A path joins a client group or attacker with a server and carries both directions. A segment's
/// server end is found by address (and by port when servers share an address), its other end by the address: the
/// first client group (in the scenario's order) whose range holds it and that has a path to that server, else the
/// first attacker whose spoofed range holds it and has one. So a SYN-ACK to a spoofed address travels the
/// attacker's path, and reaches a simulated host only if a client group owns that address too (then that host
/// hears it, as a real host would). The loader does not refuse overlapping ranges; where a client range and a
/// spoofed range overlap and both reach the server, a spoofed SYN from the shared address rides the client group's
/// path, since an address alone cannot tell them apart.</para>
/// <para>Order of judgement, none of it random until the last step: the route (none: <see cref="TransitFate.NoHost"/>
/// when nobody holds the destination, else our bug); the faults active at the send instant
/// (<see cref="TransitFate.Faulted"/>); a destination no host holds (<see cref="TransitFate.NoHost"/>); then the
/// path's draws. A faulted or host-less segment takes no draw, so a fault changes nothing for any other sender, and
/// for the sender it hits only the segments sent after the first one it took (they take the draws it did not).</para>
/// <para>Draws. A segment that reaches the path takes exactly one value from the sender's stream, the key of its own
/// sub-stream, and every draw of that segment (loss, duplicate, reorder, delays, in <see cref="CompiledPath"/>'s
/// order) comes from that sub-stream. A segment therefore costs its sender one counter step whatever its latency
/// distribution, fate or redraws, and the k-th segment a sender puts on the wire meets the same fate on every run,
/// however hosts are batched or spread over silos.</para>
/// <para>Immutable once built: concurrent <see cref="Send"/> calls are safe, each with its own sender's stream.</para>
/// </remarks>
public sealed partial class Network
{
    /// <summary>The purpose of the senders' streams: <c>SimRandom.For(seed, sender, Purpose)</c>, "netw".</summary>
    public const ulong Purpose = 0x6E65_7477;

    private readonly uint[] _starts;                   // sorted; _starts[0] is 0, so every address has a block
    private readonly AddressBlock[] _blocks;
    private readonly int[][] _sharedServers;           // servers sharing one address, in the scenario's order
    private readonly ushort[] _serverPorts;
    private readonly int[] _routeOf;                   // [block * servers + server]: a route index, or -1
    private readonly Route[] _routes;
    private readonly int _serverCount;

    /// <summary>The smallest latency floor of any path (<see cref="Scenario.Lookahead"/>): no delay is shorter.
    /// </summary>
    public TimeSpan Lookahead { get; }

    /// <summary>A sender's stream for <see cref="Send"/>: keyed by the run seed and the sender, a host's address (or
    /// an attacker's <see cref="Load.SynFlood.Entity"/>).</summary>
    public static SimRandom SenderStream(ulong seed, ulong sender) => SimRandom.For(seed, sender, Purpose);

    /// <summary>Decides the fate of one segment sent at <paramref name="sentAt"/>; draws only from
    /// <paramref name="rng"/>, the sender's own stream, and only when the segment reaches a path. With
    /// <paramref name="order"/>, the sender's flows in flight, a path that keeps order delivers the segment no
    /// earlier than the one sent before it in the same direction of its 4-tuple (a held-back one excepted).</summary>
    public Transit Send(in Segment seg, Instant sentAt, ref SimRandom rng, FlowOrder? order = null)
    {
        int dst = BlockOf(seg.DstAddr), src = BlockOf(seg.SrcAddr);
        int route = -1;
        var direction = RouteDirections.None;
        if (_blocks[dst].Server >= 0)
            (route, direction) = (RouteOf(src, ServerAt(dst, seg.DstPort)), RouteDirections.ToServer);
        else if (_blocks[src].Server >= 0)
            (route, direction) = (RouteOf(dst, ServerAt(src, seg.SrcPort)), RouteDirections.FromServer);

        bool received = _blocks[dst].IsHost;
        if (route < 0) return received ? Unrouted(in seg) : Transit.NoHost;
        var path = _routes[route];
        if (path.Faulted(direction, in seg, sentAt.Nanoseconds)) return Transit.Faulted;
        if (!received) return Transit.NoHost;

        var draws = new SimRandom(rng.NextU64());
        var transit = path.Path.Carry(sentAt, ref draws);
        if (order is null || !path.Path.KeepsOrder || transit.HeldBack
            || transit.Fate is not (TransitFate.Delivered or TransitFate.Duplicated))
            return transit;
        var first = order.Keep(in seg, transit.FirstArrival);
        return transit.Fate == TransitFate.Delivered
            ? transit with { FirstArrival = first }
            : transit with
            {
                FirstArrival = first,
                SecondArrival = first > transit.SecondArrival ? first : transit.SecondArrival,
            };
    }

    /// <summary>Whether a simulated host (a server or a client group's address) holds this address.</summary>
    public bool HasHost(uint address) => _blocks[BlockOf(address)].IsHost;

    // The last block starting at or below the address (_starts[0] is 0): a plain search, two per segment sent.
    private int BlockOf(uint address)
    {
        int lo = 0, hi = _starts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_starts[mid] <= address) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private int RouteOf(int block, int server) => _routeOf[block * _serverCount + server];

    private int ServerAt(int block, ushort port)
    {
        var at = _blocks[block];
        if (at.SharedServers < 0) return at.Server;
        foreach (int server in _sharedServers[at.SharedServers])
            if (_serverPorts[server] == port) return server;
        return at.Server;                              // no listener on that port: the address's first server
    }

    // Two hosts the scenario joins by no path: the engine sent something no scenario can produce.
    private static Transit Unrouted(in Segment seg) => throw new InvalidOperationException(
        $"no path joins {Ipv4.Format(seg.SrcAddr)}:{seg.SrcPort} and {Ipv4.Format(seg.DstAddr)}:{seg.DstPort}");
}
