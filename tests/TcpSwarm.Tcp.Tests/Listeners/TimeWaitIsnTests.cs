using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class TimeWaitIsnTests
{
    private static readonly SeqNum TwIsn = Isn.AfterTimeWait(new SeqNum(77_000));

    [Fact]
    public void A_syn_through_time_wait_uses_that_isn_and_is_queued_even_when_the_syn_queue_is_full()
    {
        var listener = SynQueueFullTests.Flood(TcpProfile.Default, syns: 9, out _);   // full: 9 of backlog 8

        var step = listener.Handle(Syn(port: 50000), Ms(100), false, TwIsn, TsOffset);

        Assert.Equal(ListenerOutcome.RequestQueued, step.Outcome);
        Assert.Equal(Rungs.SynAck(0, 1), Text(step.Sends[0], iss: new SeqNum(77_000 + 65_537)));
        Assert.Equal((10, 0, 0), (listener.SynQueueLength, listener.Counters[TcpExt.TCPReqQFullDoCookies],
            listener.Counters[TcpExt.SyncookiesSent]));
        var ack = listener.Handle(Ack(1, 1, TwIsn, port: 50000), Ms(120), false, null, TsOffset);
        Assert.Equal((ListenerOutcome.Admitted, TwIsn), (ack.Outcome, ack.Child.Iss));
    }

    [Fact]
    public void A_syn_through_time_wait_gets_no_cookie_even_with_syncookies_2()
    {
        var listener = Listen(Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "2")));

        var step = listener.Handle(Syn(), Ms(0), false, TwIsn, TsOffset);

        Assert.Equal((ListenerOutcome.RequestQueued, TwIsn), (step.Outcome, step.Sends[0].Seq));
    }

    [Fact]
    public void A_syn_through_time_wait_skips_the_quarter_rule()
    {
        var profile = Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "0"), ("net.ipv4.tcp_max_syn_backlog", "128"));
        var listener = Listen(profile, backlog: 1024);
        for (int i = 0; i < 97; i++) listener.Handle(Syn(port: (ushort)(ClientPort + i)), Ms(i), false, null, TsOffset);

        var step = listener.Handle(Syn(port: 50000), Ms(200), false, TwIsn, TsOffset);

        Assert.Equal(ListenerOutcome.RequestQueued, step.Outcome);
    }

    [Fact]
    public void A_syn_through_time_wait_is_still_dropped_when_the_accept_queue_is_full()
    {
        var listener = Listen(TcpProfile.Default, backlog: 0);
        var iss = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0].Seq;
        listener.Handle(Ack(1, 1, iss), Ms(10), false, null, TsOffset);

        var step = listener.Handle(Syn(port: 50000), Ms(20), false, TwIsn, TsOffset);

        Assert.Equal(ListenerOutcome.SynDropped, step.Outcome);
        Assert.Equal((1, 1), (listener.Counters[TcpExt.ListenOverflows], listener.Counters[TcpExt.ListenDrops]));
    }
}
