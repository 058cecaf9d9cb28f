using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class SynQueueFullTests
{
    [Fact]
    public void With_backlog_8_linux_6_18_holds_9_requests_and_without_cookies_drops_the_rest()
    {
        var listener = Flood(Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "0")), syns: 20, out var outcomes);

        Assert.Equal([.. Enumerable.Repeat(ListenerOutcome.RequestQueued, 9),
            .. Enumerable.Repeat(ListenerOutcome.SynDropped, 11)], outcomes);
        Assert.Equal((9, 9), (listener.SynQueueLength, listener.SynQueueLimit));
        var c = listener.Counters;
        Assert.Equal((11, 11, 0, 0), (c[TcpExt.TCPReqQFullDrop], c[TcpExt.ListenDrops], c[TcpExt.ListenOverflows],
            c[TcpExt.TCPReqQFullDoCookies]));
        Assert.Equal(new ListenerBooks(20, 9, 0, 0, 0, 9, 11, 0, 0), listener.Books);
    }

    [Fact]
    public void With_backlog_8_linux_6_1_holds_8_requests()
    {
        var listener = Flood(Profile("linux-6.1", ("net.ipv4.tcp_syncookies", "0")), syns: 20, out var outcomes);

        Assert.Equal([.. Enumerable.Repeat(ListenerOutcome.RequestQueued, 8),
            .. Enumerable.Repeat(ListenerOutcome.SynDropped, 12)], outcomes);
        Assert.Equal((8, 8), (listener.SynQueueLength, listener.SynQueueLimit));
        Assert.Equal(12, listener.Counters[TcpExt.TCPReqQFullDrop]);
    }

    [Fact]
    public void With_syncookies_1_a_full_syn_queue_answers_with_cookies_and_keeps_nothing()
    {
        var listener = Flood(TcpProfile.Default, syns: 20, out var outcomes, out var steps);

        Assert.Equal([.. Enumerable.Repeat(ListenerOutcome.RequestQueued, 9),
            .. Enumerable.Repeat(ListenerOutcome.CookieSent, 11)], outcomes);
        Assert.Equal(9, listener.SynQueueLength);
        Assert.All(steps.Skip(9), s => Assert.Equal(TimerAction.Unchanged, s.RequestTimer.Action));   // never resent
        Assert.All(steps.Skip(9), s => Assert.Equal(Rungs.SynAck(0, 1), Text(s.Sends[0], s.Sends[0].Seq)));
        var c = listener.Counters;
        Assert.Equal((11, 11, 0, 0), (c[TcpExt.TCPReqQFullDoCookies], c[TcpExt.SyncookiesSent],
            c[TcpExt.TCPReqQFullDrop], c[TcpExt.ListenDrops]));
        Assert.Equal(new ListenerBooks(20, 9, 0, 0, 0, 9, 0, 11, 0), listener.Books);
    }

    [Fact]
    public void With_syncookies_2_every_syn_gets_a_cookie_and_no_request_is_kept()
    {
        var listener = Flood(Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "2")), syns: 5, out var outcomes);

        Assert.Equal(Enumerable.Repeat(ListenerOutcome.CookieSent, 5), outcomes);
        Assert.Equal(0, listener.SynQueueLength);
        var c = listener.Counters;
        Assert.Equal((5, 5), (c[TcpExt.TCPReqQFullDoCookies], c[TcpExt.SyncookiesSent]));
    }

    [Fact]
    public void A_full_accept_queue_drops_a_syn_even_when_it_would_get_a_cookie()
    {
        var listener = Listen(Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "2")), backlog: 0);
        var cookie = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0].Seq;
        Assert.Equal(ListenerOutcome.Admitted,
            listener.Handle(Ack(1, 1, cookie), Ms(10), false, null, TsOffset).Outcome);

        var step = listener.Handle(Syn(port: 40001), Ms(20), false, null, TsOffset);

        Assert.Equal(ListenerOutcome.SynDropped, step.Outcome);
        var c = listener.Counters;
        Assert.Equal((2, 1, 1, 1), (c[TcpExt.TCPReqQFullDoCookies], c[TcpExt.SyncookiesSent],
            c[TcpExt.ListenOverflows], c[TcpExt.ListenDrops]));
    }

    // 20 SYNs from ports 40000.. that nobody ever answers, 1 ms apart, to a listener with backlog 8.
    internal static Listener Flood(TcpProfile profile, int syns, out List<ListenerOutcome> outcomes) =>
        Flood(profile, syns, out outcomes, out _);

    internal static Listener Flood(TcpProfile profile, int syns, out List<ListenerOutcome> outcomes,
        out List<ListenerStep> steps)
    {
        var listener = Listen(profile, backlog: 8);
        outcomes = [];
        steps = [];
        for (int i = 0; i < syns; i++)
        {
            var step = listener.Handle(Syn(port: (ushort)(ClientPort + i)), Ms(i), false, null, TsOffset);
            outcomes.Add(step.Outcome);
            steps.Add(step);
        }
        return listener;
    }
}
