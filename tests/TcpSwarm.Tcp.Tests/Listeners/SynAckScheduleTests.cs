using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class SynAckScheduleTests
{
    [Fact]
    public void Linux_6_18_resends_the_synack_at_1_3_7_15_31_s_and_forgets_the_request_at_63_s()
    {
        var d = EveryAckLost("linux-6.18", expiresAt: S(63));
        Assert.Equal([S(0), S(1), S(3), S(7), S(15), S(31)], d.ListenerSentTo(ClientPort));
    }

    [Fact]
    public void Linux_6_1_resends_the_synack_at_1_3_7_15_31_s_and_forgets_the_request_at_63_s()
    {
        var d = EveryAckLost("linux-6.1", expiresAt: S(63));
        Assert.Equal([S(0), S(1), S(3), S(7), S(15), S(31)], d.ListenerSentTo(ClientPort));
    }

    [Fact]
    public void Rfc1122_resends_the_synack_at_3_9_21_45_93_s_and_forgets_the_request_at_189_s()
    {
        var d = EveryAckLost("rfc1122", expiresAt: S(189));
        Assert.Equal([S(0), S(3), S(9), S(21), S(45), S(93)], d.ListenerSentTo(ClientPort));
    }

    [Fact]
    public void The_half_open_clients_data_after_the_request_expired_gets_a_reset_at_the_ack_number()
    {
        var d = EveryAckLost("linux-6.18", expiresAt: S(63));
        var iss = d.ListenerSent[0].Segment.Seq;

        var step = d.ToListener(Ack(1, 1, iss, len: 100, flags: TcpFlags.Psh | TcpFlags.Ack), S(70));

        Assert.Equal(ListenerOutcome.Refused, step.Outcome);
        Assert.Equal(Rungs.Rst(1), Text(Assert.Single(step.Sends.ToArray()), iss));
        Assert.Equal((ClientPort, Client), (step.Sends[0].DstPort, step.Sends[0].DstAddr));
        Assert.Equal(1, d.Listener.Counters[TcpExt.OutRsts]);
    }

    [Fact]
    public void A_request_cut_to_fewer_retries_by_a_smaller_tcp_synack_retries_expires_sooner()
    {
        var d = Listening(Profile("linux-6.18", ("net.ipv4.tcp_synack_retries", "2")));
        d.ToListener(Syn(), S(0));
        d.RunUntil(S(100));
        Assert.Equal([S(0), S(1), S(3)], d.ListenerSentTo(ClientPort));
        var end = d.ListenerOutcomes[^1];
        Assert.Equal((S(7), ListenerOutcome.RequestExpired), (end.At, end.Outcome));
    }

    [Fact]
    public void The_backoff_stops_at_the_maximum_rto()
    {
        var d = Listening(Profile("linux-6.18", ("net.ipv4.tcp_synack_retries", "9"),
            ("net.ipv4.tcp_rto_max_ms", "60000")));
        d.ToListener(Syn(), S(0));
        d.RunUntil(S(1000));
        // waits 1, 2, 4, 8, 16, 32, then capped at 60 s
        Assert.Equal([S(0), S(1), S(3), S(7), S(15), S(31), S(63), S(123), S(183), S(243)],
            d.ListenerSentTo(ClientPort));
        Assert.Equal(S(303), d.ListenerOutcomes[^1].At);
    }

    // A SYN at 0 whose SYN-ACKs all reach the client while every client ACK is lost.
    private static Wire EveryAckLost(string profile, Instant expiresAt)
    {
        var d = Listening(TcpProfile.Named(profile));
        var step = d.ToListener(Syn(), S(0));
        Assert.Equal(ListenerOutcome.RequestQueued, step.Outcome);
        d.RunUntil(expiresAt + TimeSpan.FromSeconds(1));

        var iss = d.ListenerSent[0].Segment.Seq;
        Assert.All(d.ListenerSent, s => Assert.Equal(Rungs.SynAck(0, 1), Text(s.Segment, iss)));
        Assert.All(d.ListenerSent, s => Assert.Equal(iss, s.Segment.Seq));
        Assert.All(d.ListenerSent.Skip(1), s => Assert.Equal((uint)s.At.Milliseconds + TsOffset, s.Segment.TsVal));
        var end = d.ListenerOutcomes[^1];
        Assert.Equal((expiresAt, ListenerOutcome.RequestExpired, Tuple()), (end.At, end.Outcome, end.Request));
        Assert.Equal((0, 0), (d.Listener.SynQueueLength, d.Listener.SynQueueYoung));
        Assert.Empty(d.RequestTimers);
        // tcp_syn_ack_timeout counts every expiry, the one that drops the request too; tcp_rtx_synack each resend
        Assert.Equal((6, 5), (d.Listener.Counters[TcpExt.TCPTimeouts], d.Listener.Counters[TcpExt.RetransSegs]));
        Assert.Equal(new ListenerBooks(1, 1, 0, 1, 0, 0, 0, 0, 0), d.Listener.Books);
        return d;
    }
}
