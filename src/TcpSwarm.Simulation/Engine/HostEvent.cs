using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Something due at a host at an instant: an arriving segment, a timer, a connect() or an accept() call.</summary>
/// <remarks>
/// A host handles its events in (At, Source, Seq) order: Source is the address (or attacker) that caused it and Seq
/// that source's own counter, so the order is the same however hosts are spread over silos.
/// </remarks>
public readonly record struct HostEvent(
    HostEventKind Kind, Instant At, ulong Source, long Seq, Segment Segment = default, HostTimer Timer = default,
    int Slot = 0, EndpointTimerKind EndpointTimer = default, int Server = 0) : IComparable<HostEvent>
{
    public int CompareTo(HostEvent other)
    {
        int c = At.CompareTo(other.At);
        if (c != 0) return c;
        c = Source.CompareTo(other.Source);
        return c != 0 ? c : Seq.CompareTo(other.Seq);
    }
}

/// <summary>The kinds of <see cref="HostEvent"/>.</summary>
public enum HostEventKind : byte
{
    /// <summary>A segment arrives from the network.</summary>
    Arrival,
    /// <summary>A TIME_WAIT record's or a request entry's timer.</summary>
    HostTimer,
    /// <summary>A timer of the endpoint in Slot (a Tcb timer or the application's).</summary>
    EndpointTimer,
    /// <summary>The client application calls connect().</summary>
    Connect,
    /// <summary>The server application (Server) may call accept() again (its accept rate).</summary>
    AcceptTick,
    /// <summary>The host's earliest wake-up is due: the host takes its due entries from its own queue (WakeQueue).
    /// </summary>
    WakeQueueDue,
}
