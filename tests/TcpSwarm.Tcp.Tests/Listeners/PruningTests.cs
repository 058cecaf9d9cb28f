using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class PruningTests
{
    // Twelve SYNs at 0 that nobody answers, ports 40000..40011; timers due together fire in the order they were set.
    //
    // reqsk_timer_handler, at each expiry: if 2·qlen > max(8, backlog), then with y = 2·young, while max > 2:
    // stop if qlen < y, else max-- and y <<= 1; the request is dropped when num_timeout >= max.
    //
    // backlog 16, so pruning acts while 2·qlen > 16, i.e. qlen >= 9.
    //  1 s: qlen 12, young 12 down to 1 as each fires; max falls from 5 to 2 but every num_timeout is 0: all resend.
    //  3 s: qlen 12, young 0, so y = 0 and max = 2; num_timeout 1 < 2: all resend (num_timeout 2, next at 7 s).
    //  7 s: 40000..40003 find qlen 12, 11, 10, 9 (> 8), max 2 = num_timeout: dropped, 56 s early.
    //       40004 finds qlen 8: 16 > 16 is false, max is 5 again; it and the seven after it resend.
    //  15, 31 s: qlen 8, max 5: resend; 63 s: num_timeout 5 = max: dropped on the usual schedule.
    [Fact]
    public void When_more_than_half_the_queue_is_old_old_requests_are_dropped_after_two_resends()
    {
        var d = TwelveUnansweredSyns(backlog: 16);

        for (ushort port = 40000; port < 40004; port++)
        {
            Assert.Equal([S(0), S(1), S(3)], d.ListenerSentTo(port));
            Assert.Contains((S(7), ListenerOutcome.RequestExpired, Tuple(port)), d.ListenerOutcomes);
        }
        for (ushort port = 40004; port < 40012; port++)
        {
            Assert.Equal([S(0), S(1), S(3), S(7), S(15), S(31)], d.ListenerSentTo(port));
            Assert.Contains((S(63), ListenerOutcome.RequestExpired, Tuple(port)), d.ListenerOutcomes);
        }
        Assert.Equal(0, d.Listener.SynQueueLength);
    }

    // The same queue under backlog 64: 2·12 = 24 is not above max(8, 64), so nobody loses a retry.
    [Fact]
    public void A_queue_within_half_the_backlog_is_not_pruned()
    {
        var d = TwelveUnansweredSyns(backlog: 64);

        for (ushort port = 40000; port < 40012; port++)
            Assert.Equal([S(0), S(1), S(3), S(7), S(15), S(31)], d.ListenerSentTo(port));
        Assert.All(d.ListenerOutcomes.Where(o => o.Outcome == ListenerOutcome.RequestExpired),
            o => Assert.Equal(S(63), o.At));
    }

    // Youth, not length, decides. Both queues hold 17 requests at 7 s (backlog 16 holds backlog + 1).
    //  All 17 SYNs at 0: at 7 s young is 0, so max 2 = num_timeout for each one that still finds qlen >= 9:
    //  the first nine (qlen 17 down to 9) are dropped, the last eight (qlen 8) resend.
    //  9 SYNs at 0 and 8 more at 6.5 s: at 7 s the old nine find qlen 17 and young 8: y = 16 is not above 17,
    //  so max 4; y = 32 is: stop. num_timeout 2 < 4: all nine resend; nobody is dropped at 7 s.
    [Fact]
    public void Young_requests_spare_the_old_ones_from_pruning()
    {
        var allOld = Listening(TcpProfile.Default, backlog: 16);
        for (ushort i = 0; i < 17; i++) allOld.ToListener(Syn(port: (ushort)(ClientPort + i)), S(0));
        allOld.RunUntil(S(8));

        var mixed = Listening(TcpProfile.Default, backlog: 16);
        for (ushort i = 0; i < 9; i++) mixed.ToListener(Syn(port: (ushort)(ClientPort + i)), S(0));
        for (ushort i = 9; i < 17; i++) mixed.ToListener(Syn(port: (ushort)(ClientPort + i)), S(6.5));
        mixed.RunUntil(S(8));

        Assert.Equal(9,
            allOld.ListenerOutcomes.Count(o => o.Outcome == ListenerOutcome.RequestExpired && o.At == S(7)));
        Assert.DoesNotContain(mixed.ListenerOutcomes, o => o.Outcome == ListenerOutcome.RequestExpired);
        for (ushort port = 40000; port < 40009; port++)
            Assert.Equal([S(0), S(1), S(3), S(7)], mixed.ListenerSentTo(port));
    }

    private static Wire TwelveUnansweredSyns(int backlog)
    {
        var d = Listening(TcpProfile.Default, backlog);
        for (ushort i = 0; i < 12; i++) d.ToListener(Syn(port: (ushort)(ClientPort + i)), S(0));
        d.RunUntil(S(100));
        return d;
    }
}
