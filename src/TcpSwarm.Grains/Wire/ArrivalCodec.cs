using Orleans.Serialization;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>A window's arrivals for another silo as one payload, through Orleans' own serializer, so that the bytes
/// between silos are counted exactly.</summary>
public sealed class ArrivalCodec(Serializer<WireArrival[]> serializer)
{
    private readonly SegmentConverter _segments = new();

    public byte[] Encode(IReadOnlyList<Arrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var wire = new WireArrival[arrivals.Count];
        for (int i = 0; i < wire.Length; i++)
        {
            var e = arrivals[i].Event;
            wire[i] = new WireArrival(arrivals[i].To, e.At.Nanoseconds, e.Source, e.Seq,
                _segments.ConvertToSurrogate(e.Segment));
        }
        return serializer.SerializeToArray(wire);
    }

    public Arrival[] Decode(byte[] payload)
    {
        var wire = serializer.Deserialize(payload) ?? [];
        var arrivals = new Arrival[wire.Length];
        for (int i = 0; i < wire.Length; i++)
        {
            var w = wire[i];
            arrivals[i] = new Arrival(w.To, new HostEvent(HostEventKind.Arrival, new Instant(w.AtNanoseconds), w.Source,
                w.Seq, _segments.ConvertFromSurrogate(w.Segment)));
        }
        return arrivals;
    }
}
