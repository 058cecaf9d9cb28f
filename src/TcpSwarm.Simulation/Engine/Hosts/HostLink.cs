using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's link onto the network: each segment it sends is counted, traced, and given its fate (lost, or
/// delivered once or twice) from the host's own sender stream, in the order the host sends.</summary>
internal sealed class HostLink(uint address, ulong seed, Network network, HostBooks books, HostTrace trace)
{
    private SimRandom _sendRandom = Network.SenderStream(seed, address);
    private readonly FlowOrder _flowOrder = new();      // this host's flows in flight, kept in order
    private long _sendSeq;

    /// <summary>Nothing from now on is sent before <paramref name="windowEnd"/>: flows may forget what is older.
    /// </summary>
    public void Forget(Instant windowEnd) => _flowOrder.Forget(windowEnd);

    public void Send(in Segment seg, Instant at, HostWindow output)
    {
        books.SegmentsSent++;
        books.SentByKind[(int)SegmentKindTable.Of(in seg)]++;
        trace.Segment(in seg, at, sent: true);
        var transit = network.Send(in seg, at, ref _sendRandom, _flowOrder);
        switch (transit.Fate)
        {
            case TransitFate.Delivered:
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.FirstArrival, address, _sendSeq++, seg)));
                break;
            case TransitFate.Duplicated:
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.FirstArrival, address, _sendSeq++, seg)));
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.SecondArrival, address, _sendSeq++, seg)));
                break;
            default:
                books.SegmentsLost++;
                break;
        }
    }
}
