using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>How far a partition can run without hearing more from its peers: each peer that can send to it has
/// promised to send nothing more before some instant, and its segments take at least the pair's lookahead.</summary>
/// <remarks>The conservative rule of Chandy, Misra and Bryant, with the promises riding on the exchange's own
/// messages: a peer's promise comes after (or with) every segment it sent before it, so once the horizon passes an
/// instant, every arrival due before that instant is already here.</remarks>
public sealed class InboundHorizon
{
    private readonly int[] _peers;
    private readonly long[] _lookahead;                        // nanoseconds, by position in _peers
    private readonly Instant[] _promised;

    public InboundHorizon(CrossingPaths paths, int partition)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _peers = [.. paths.Inbound[partition]];
        _lookahead = [.. _peers.Select(q => paths.Lookahead(q, partition)!.Value.Ticks * 100)];
        _promised = new Instant[_peers.Length];                // every peer starts at 0: nothing is sent before it
    }

    /// <summary>Whether any peer can send here at all.</summary>
    public bool HasPeers => _peers.Length > 0;

    /// <summary>Every arrival due before this instant is here (<see cref="Instant.Never"/>: no peer can send).
    /// </summary>
    public Instant Safe
    {
        get
        {
            var safe = Instant.Never;
            for (int i = 0; i < _peers.Length; i++)
                if (_promised[i] != Instant.Never)                // a peer with nothing left to send holds no one
                    safe = Instant.Min(safe, new Instant(_promised[i].Nanoseconds + _lookahead[i]));
            return safe;
        }
    }

    /// <summary>Each peer's promise and lookahead.</summary>
    public override string ToString() => string.Join(", ",
        _peers.Select((q, i) => $"from {q}: {_promised[i]} + {_lookahead[i] / 1e6:0.###}ms"));

    /// <summary>Peer <paramref name="from"/> will send nothing more before <paramref name="through"/>.</summary>
    public void Promise(int from, Instant through)
    {
        int i = Array.IndexOf(_peers, from);
        if (i < 0) throw new InvalidOperationException($"partition {from} has no path to this one, yet it sent");
        if (through > _promised[i]) _promised[i] = through;
    }
}
