using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class QuarterRuleTests
{
    private static readonly TcpProfile NoCookies =
        Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "0"), ("net.ipv4.tcp_max_syn_backlog", "128"));

    [Fact]
    public void Without_cookies_unproven_peers_get_in_only_while_128_minus_qlen_is_at_least_32_so_97_requests()
    {
        var listener = Listen(NoCookies, backlog: 1024);
        var outcomes = new List<ListenerOutcome>();
        for (int i = 0; i < 200; i++)
            outcomes.Add(listener.Handle(Syn(port: (ushort)(ClientPort + i)), Ms(i), false, null, TsOffset).Outcome);

        Assert.Equal([.. Enumerable.Repeat(ListenerOutcome.RequestQueued, 97),
            .. Enumerable.Repeat(ListenerOutcome.SynDropped, 103)], outcomes);
        Assert.Equal(97, listener.SynQueueLength);
        var c = listener.Counters;
        Assert.Equal((103, 0, 0), (c[TcpExt.ListenDrops], c[TcpExt.TCPReqQFullDrop], c[TcpExt.ListenOverflows]));
    }

    [Fact]
    public void A_proven_peer_still_gets_into_the_last_quarter()
    {
        var listener = Listen(NoCookies, backlog: 1024);
        for (int i = 0; i < 97; i++) listener.Handle(Syn(port: (ushort)(ClientPort + i)), Ms(i), false, null, TsOffset);

        var unproven = listener.Handle(Syn(port: 50000), Ms(200), peerProven: false, twIsn: null, TsOffset);
        var proven = listener.Handle(Syn(port: 50001), Ms(201), peerProven: true, twIsn: null, TsOffset);

        Assert.Equal((ListenerOutcome.SynDropped, ListenerOutcome.RequestQueued), (unproven.Outcome, proven.Outcome));
        Assert.Equal(98, listener.SynQueueLength);
    }

    [Fact]
    public void With_cookies_on_the_quarter_rule_does_not_apply()
    {
        var listener = Listen(Profile("linux-6.18", ("net.ipv4.tcp_max_syn_backlog", "128")), backlog: 1024);
        for (int i = 0; i < 200; i++)
            listener.Handle(Syn(port: (ushort)(ClientPort + i)), Ms(i), false, null, TsOffset);

        Assert.Equal(200, listener.SynQueueLength);
    }
}
