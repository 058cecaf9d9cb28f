using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Something due at a host at an instant: an arriving segment, a timer, a connect() or an accept()
/// call.</summary>
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
