using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class AcceptQueueTests
{
    [Fact]
    public void A_backlog_of_4_never_accepted_admits_exactly_5_of_20_handshakes_and_drops_the_later_syns()
    {
        var d = Listening(TcpProfile.Default, backlog: 4);
        var outcomes = new List<ListenerOutcome>();
        for (ushort i = 0; i < 20; i++)
        {
            var at = Ms(100 * i);
            var syn = d.ToListener(Syn(port: (ushort)(ClientPort + i)), at);
            outcomes.Add(syn.Outcome);
            if (syn.Outcome != ListenerOutcome.RequestQueued) continue;
            var ack = d.ToListener(Ack(1, 1, syn.Sends[0].Seq, port: (ushort)(ClientPort + i)),
                at + TimeSpan.FromMilliseconds(10));
            outcomes.Add(ack.Outcome);
        }

        ListenerOutcome[] fiveHandshakes = [.. Enumerable.Repeat(new[] { ListenerOutcome.RequestQueued,
            ListenerOutcome.Admitted }, 5).SelectMany(x => x)];
        Assert.Equal([.. fiveHandshakes, .. Enumerable.Repeat(ListenerOutcome.SynDropped, 15)], outcomes);
        Assert.Equal((5, 5), (d.Listener.AcceptQueueLength, d.Listener.AcceptQueueLimit));
        Assert.Equal(5, d.ListenerSent.Count);                   // the dropped SYNs got no SYN-ACK
        Assert.Equal((15, 15), (d.Listener.Counters[TcpExt.ListenOverflows], d.Listener.Counters[TcpExt.ListenDrops]));
        Assert.Equal(new ListenerBooks(20, 5, 5, 0, 0, 0, 15, 0, 0), d.Listener.Books);
    }

    [Fact]
    public void The_ack_that_finds_the_accept_queue_full_is_dropped_and_the_request_waits_for_the_next_synack()
    {
        var d = Listening(TcpProfile.Default, backlog: 4);
        var iss = SixSynsThenSixAcks(d, out var sixth);

        Assert.Equal(ListenerOutcome.AckDroppedOnOverflow, sixth.Outcome);
        Assert.Empty(sixth.Sends.ToArray());
        Assert.Equal(TimerAction.Unchanged, sixth.RequestTimer.Action);
        Assert.Equal((1, 1), (d.Listener.Counters[TcpExt.ListenOverflows], d.Listener.Counters[TcpExt.ListenDrops]));
        Assert.True(d.Listener.HasRequest(Tuple(40005)));

        d.RunUntil(Ms(1005));                            // the request's first timeout: its SYN-ACK again
        Assert.Equal([Ms(5), Ms(1005)], d.ListenerSentTo(40005));
        Assert.Equal(Rungs.SynAck(0, 1), Text(d.ListenerSent[^1].Segment, iss[5]));

        Assert.True(d.Listener.TryAccept(out var first));   // accept() makes room; the client's re-ACK gets in
        Assert.Equal(Tuple(40000), first);
        var again = d.ToListener(Ack(1, 1, iss[5], port: 40005), Ms(1015));
        Assert.Equal(ListenerOutcome.Admitted, again.Outcome);
        Assert.True(again.Child.SynAckRetransmitted);
        Assert.Equal(Ms(5), again.RequestBornAt);
    }

    [Fact]
    public void An_acked_request_that_never_finds_room_expires_on_the_usual_schedule()
    {
        var d = Listening(TcpProfile.Default, backlog: 4);
        var iss = SixSynsThenSixAcks(d, out _);
        foreach (var at in new[] { 1, 3, 7, 15, 31 })     // the client re-ACKs every SYN-ACK; the queue stays full
        {
            var step = d.ToListener(Ack(1, 1, iss[5], port: 40005), S(at) + TimeSpan.FromMilliseconds(15));
            Assert.Equal(ListenerOutcome.AckDroppedOnOverflow, step.Outcome);
        }
        d.RunUntil(S(100));
        Assert.Equal([Ms(5), Ms(1005), Ms(3005), Ms(7005), Ms(15005), Ms(31005)], d.ListenerSentTo(40005));
        var end = d.ListenerOutcomes[^1];
        Assert.Equal((Ms(63005), ListenerOutcome.RequestExpired), (end.At, end.Outcome));
        Assert.Equal(6, d.Listener.Counters[TcpExt.ListenOverflows]);
    }

    [Fact]
    public void With_tcp_abort_on_overflow_the_ack_that_finds_the_accept_queue_full_gets_a_reset()
    {
        var d = Listening(Profile("linux-6.18", ("net.ipv4.tcp_abort_on_overflow", "1")), 4);
        var iss = SixSynsThenSixAcks(d, out var sixth);

        Assert.Equal(ListenerOutcome.RequestReset, sixth.Outcome);
        Assert.Equal(Rungs.Rst(1), Text(Assert.Single(sixth.Sends.ToArray()), iss[5]));
        Assert.Equal((Tuple(40005), TimerEdit.Cancel, Ms(5)), (sixth.Request, sixth.RequestTimer, sixth.RequestBornAt));
        Assert.False(d.Listener.HasRequest(Tuple(40005)));
        var c = d.Listener.Counters;
        Assert.Equal((1, 1, 1, 0), (c[TcpExt.ListenOverflows], c[TcpExt.ListenDrops], c[TcpExt.EmbryonicRsts],
            c[TcpExt.AttemptFails]));
        Assert.Equal(new ListenerBooks(6, 6, 5, 0, 1, 0, 0, 0, 0), d.Listener.Books);
    }

    [Fact]
    public void Accept_returns_children_oldest_first()
    {
        var d = Listening(TcpProfile.Default, backlog: 4);
        SixSynsThenSixAcks(d, out _);
        var accepted = new List<ushort>();
        while (d.Listener.TryAccept(out var child)) accepted.Add(child.RemotePort);
        Assert.Equal([40000, 40001, 40002, 40003, 40004], accepted);
    }

    // Backlog 4 holds 5 children (and 5 requests). Clients 40000..40003 complete at 0-3 ms; 40004 and 40005 send
    // their SYNs at 5 ms, while 4 children leave room; their ACKs at 10 ms: 40004 is the fifth child, 40005 finds
    // the accept queue full.
    private static SeqNum[] SixSynsThenSixAcks(Wire d, out ListenerStep sixth)
    {
        var iss = new SeqNum[6];
        for (ushort i = 0; i < 4; i++)
        {
            iss[i] = d.ToListener(Syn(port: (ushort)(ClientPort + i)), Ms(i)).Sends[0].Seq;
            Assert.Equal(ListenerOutcome.Admitted,
                d.ToListener(Ack(1, 1, iss[i], port: (ushort)(ClientPort + i)), Ms(i)).Outcome);
        }
        for (ushort i = 4; i < 6; i++)
        {
            var syn = d.ToListener(Syn(port: (ushort)(ClientPort + i)), Ms(5));
            Assert.Equal(ListenerOutcome.RequestQueued, syn.Outcome);
            iss[i] = syn.Sends[0].Seq;
        }
        Assert.Equal(ListenerOutcome.Admitted, d.ToListener(Ack(1, 1, iss[4], port: 40004), Ms(10)).Outcome);
        sixth = d.ToListener(Ack(1, 1, iss[5], port: 40005), Ms(10));
        Assert.Equal(5, d.Listener.AcceptQueueLength);
        return iss;
    }
}
