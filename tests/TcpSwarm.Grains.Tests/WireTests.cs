using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>What crosses between silos: virtual time as the model's Instant, exactly and as compactly as a bare count
/// of nanoseconds; a window's arrivals, every field exactly; work handed over by reference, never.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class WireTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(10_000_000_123L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public void An_instant_crosses_exactly_and_grows_as_a_long_does(long nanoseconds)
    {
        var serializer = fixture.Serializer;
        var wire = serializer.SerializeToArray(new Instant(nanoseconds));
        Assert.Equal(new Instant(nanoseconds), serializer.Deserialize<Instant>(wire));
        // The value's own bytes, past the message's type header: a variable-length integer, as a long's.
        Assert.Equal(serializer.SerializeToArray(nanoseconds).Length - serializer.SerializeToArray(0L).Length,
            wire.Length - serializer.SerializeToArray(Instant.Zero).Length);
    }

    [Fact]
    public void An_instant_inside_a_message_crosses_exactly()
    {
        var step = new StepResult(null, "lost", "127.0.0.1:11111@1", Instant.FromMilliseconds(1_500));
        var back = fixture.Serializer.Deserialize<StepResult>(fixture.Serializer.SerializeToArray(step))!;
        Assert.Equal(step.Reached, back.Reached);
        Assert.Equal(step.LostSilo, back.LostSilo);
    }

    [Fact]
    public void A_partitions_leg_crosses_whole()
    {
        var leg = new PartitionLeg(false, 7, 3, 2, [1, 2], [3, 4], 5, 99, 2, 60);
        var back = fixture.Serializer.Deserialize<PartitionLeg>(fixture.Serializer.SerializeToArray(leg))!;
        Assert.Equal((leg.Reached, leg.Events, leg.Windows, leg.Waits, leg.Messages, leg.Bytes, leg.PeakMessages,
            leg.PeakBytes), (back.Reached, back.Events, back.Windows, back.Waits, back.Messages, back.Bytes,
            back.PeakMessages, back.PeakBytes));
        Assert.Equal(leg.SentArrivals, back.SentArrivals);
        Assert.Equal(leg.ReceivedArrivals, back.ReceivedArrivals);
    }

    [Fact]
    public void An_instant_keeps_the_references_after_it_in_step()
    {
        long[] shared = [1, 2, 3];
        var message = (new Instant(42), (object)shared, (object)shared, new Instant(long.MaxValue));
        var back = fixture.Serializer.Deserialize<(Instant, object, object, Instant)>(
            fixture.Serializer.SerializeToArray(message));
        Assert.Equal(message.Item1, back.Item1);
        Assert.Same(back.Item2, back.Item3);                                  // one array, still one
        Assert.Equal(shared, (long[])back.Item2);
        Assert.Equal(message.Item4, back.Item4);
    }

    [Fact]
    public void A_handover_refuses_to_leave_the_silo()
    {
        var handover = new Handover<HostBatch>(new HostBatch { Host = 1 }, new OneWayRound());
        var refusal = Assert.Throws<InvalidOperationException>(() => fixture.Serializer.SerializeToArray(handover));
        Assert.Contains("one silo", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_arrivals_cross_every_field_exactly_in_a_fixed_record_each()
    {
        var full = new Segment(0xFFFF_FFFE, 65_535, 10_000_001, 80, new SeqNum(uint.MaxValue), new SeqNum(1),
            TcpFlags.Syn | TcpFlags.Ack, 65_535, 1_448, (TcpOptions)0xFF, 1_460, 14, uint.MaxValue, 7);
        var bare = new Segment(1, 2, 3, 4, new SeqNum(5), new SeqNum(6), TcpFlags.Rst, 0, 0);
        Arrival[] arrivals =
        [
            new(10_000_001, new HostEvent(HostEventKind.Arrival, new Instant(long.MaxValue), ulong.MaxValue,
                long.MinValue, full)),
            new(3, new HostEvent(HostEventKind.Arrival, Instant.FromMilliseconds(12), 2, -1, bare)),
        ];
        var codec = new ArrivalCodec();

        var payload = codec.Encode(arrivals);
        Assert.Equal(4 + 2 * ArrivalCodec.RecordBytes, payload.Length);
        var decoded = new List<Arrival>();
        codec.Decode(payload, decoded);
        Assert.Equal(arrivals, decoded);
        codec.Decode(codec.Encode([]), decoded);                  // the list is reused: cleared, then filled
        Assert.Empty(decoded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4 + ArrivalCodec.RecordBytes - 1)]
    public void A_truncated_arrivals_payload_is_refused_by_name(int bytes)
    {
        var payload = new ArrivalCodec().Encode([new(3, new HostEvent(HostEventKind.Arrival, Instant.Zero, 1, 0,
            new Segment(1, 2, 3, 4, new SeqNum(5), new SeqNum(6), TcpFlags.Ack, 0, 0)))]);
        var e = Assert.Throws<InvalidDataException>(() => new ArrivalCodec().Decode(payload[..bytes], []));
        Assert.Contains($"{ArrivalCodec.RecordBytes} bytes per arrival", e.Message, StringComparison.Ordinal);
    }
}
