using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class SynCookieTests
{
    private static readonly TcpProfile Always = Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "2"));

    [Fact]
    public void A_valid_cookie_ack_is_admitted_with_the_options_the_synack_carried_in_its_timestamp()
    {
        var listener = Listen(Always);
        var synAck = listener.Handle(Syn(tsVal: 500), Ms(1000), false, null, TsOffset).Sends[0];
        // cookie_init_timestamp: 1000 ms with its low 6 bits replaced by wscale 7 | SACK (0x10) = 983 <= 1000
        Assert.Equal((AllOptions, 983 + TsOffset, 500u), (synAck.Options, synAck.TsVal, synAck.TsEcr));

        var step = listener.Handle(Ack(1, 1, synAck.Seq, tsVal: 530, tsEcr: synAck.TsVal), Ms(1020),
            false, null, TsOffset);

        Assert.Equal(ListenerOutcome.Admitted, step.Outcome);
        Assert.Equal(new AcceptedConnection(Tuple(), synAck.Seq, ClientSeq(0), PeerMss: 1460, PeerWindowScale: 7,
            SackPermitted: true, Timestamps: true, TsRecent: 530, TsOffset: TsOffset, FirstSynAckAt: default,
            SynAckRetransmitted: false, FromCookie: true, PeerWindow: 502), step.Child);
        Assert.Equal(TimerAction.Unchanged, step.RequestTimer.Action);
        Assert.Equal((1, 0), (listener.Counters[TcpExt.SyncookiesRecv], listener.Counters[TcpExt.SyncookiesFailed]));
        Assert.True(listener.TryAccept(out var child));
        Assert.Equal(Tuple(), child);
        Assert.Equal(new ListenerBooks(1, 0, 0, 0, 0, 0, 0, 1, 1), listener.Books);
    }

    [Fact]
    public void Without_timestamps_a_cookie_loses_window_scaling_and_sack_and_rounds_the_mss_down()
    {
        var listener = Listen(Always);
        var synAck = listener.Handle(Syn(mss: 1400, options: TcpOptions.Mss | TcpOptions.WindowScale |
            TcpOptions.SackPermitted), Ms(0), false, null, TsOffset).Sends[0];
        Assert.Equal(TcpOptions.Mss, synAck.Options);

        var step = listener.Handle(Ack(1, 1, synAck.Seq), Ms(20), false, null, TsOffset);

        Assert.Equal((ListenerOutcome.Admitted, (ushort)1300, (sbyte)-1, false, false), (step.Outcome,
            step.Child.PeerMss, step.Child.PeerWindowScale, step.Child.SackPermitted, step.Child.Timestamps));
    }

    [Theory]
    [InlineData(0, 536)]
    [InlineData(535, 536)]
    [InlineData(1299, 536)]
    [InlineData(1300, 1300)]
    [InlineData(1452, 1440)]
    [InlineData(1460, 1460)]
    [InlineData(9000, 1460)]
    public void The_cookie_carries_the_client_mss_rounded_down_to_the_table(int mss, int expected)
    {
        var listener = Listen(Always);
        var options = mss == 0 ? TcpOptions.None : TcpOptions.Mss;
        var syn = Syn(mss: (ushort)mss, options: options);
        var cookie = listener.Handle(syn, Ms(0), false, null, TsOffset).Sends[0].Seq;

        var step = listener.Handle(Ack(1, 1, cookie), Ms(20), false, null, TsOffset);

        Assert.Equal(expected, step.Child.PeerMss);
    }

    [Fact]
    public void A_forged_cookie_fails_and_the_ack_gets_a_reset_at_its_ack_number()
    {
        var listener = Listen(Always);
        var cookie = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0].Seq;

        var forged = listener.Handle(Ack(1, 1000, cookie), Ms(20), false, null, TsOffset);
        // Another client ISN: the cookie is linear in it (as in Linux), so only a shift past the MSS index shows
        var wrongIsn = listener.Handle(Ack(5001, 1, cookie), Ms(30), false, null, TsOffset);

        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(1000)), (forged.Outcome, Text(forged.Sends[0], cookie)));
        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(1)), (wrongIsn.Outcome, Text(wrongIsn.Sends[0], cookie)));
        Assert.Equal((2, 0), (listener.Counters[TcpExt.SyncookiesFailed], listener.Counters[TcpExt.SyncookiesRecv]));
        Assert.Equal(0, listener.AcceptQueueLength);
    }

    [Fact]
    public void A_cookie_is_good_while_the_minute_counter_moved_less_than_2_so_for_60_to_120_s()
    {
        var listener = Listen(Always);
        var early = listener.Handle(Syn(port: 40001), S(59), false, null, TsOffset).Sends[0].Seq;   // counter 0
        var late = listener.Handle(Syn(port: 40002), S(59), false, null, TsOffset).Sends[0].Seq;

        var atCounter1 = listener.Handle(Ack(1, 1, early, port: 40001), Ms(119_999), false, null, TsOffset);
        var atCounter2 = listener.Handle(Ack(1, 1, late, port: 40002), S(120), false, null, TsOffset);

        Assert.Equal(ListenerOutcome.Admitted, atCounter1.Outcome);
        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(1)), (atCounter2.Outcome, Text(atCounter2.Sends[0], late)));
        Assert.Equal((1, 1), (listener.Counters[TcpExt.SyncookiesRecv], listener.Counters[TcpExt.SyncookiesFailed]));
    }

    [Fact]
    public void An_ack_is_checked_as_a_cookie_only_within_120_s_of_the_last_cookie_sent()
    {
        var listener = Listen(Always);
        listener.Handle(Syn(), S(0), false, null, TsOffset);

        var within = listener.Handle(Ack(4000, 9000, port: 40001), S(100), false, null, TsOffset);
        var after = listener.Handle(Ack(4000, 9000, port: 40002), S(121), false, null, TsOffset);

        Assert.Equal((ListenerOutcome.Refused, ListenerOutcome.Refused), (within.Outcome, after.Outcome));
        Assert.Equal(1, listener.Counters[TcpExt.SyncookiesFailed]);   // the later ACK is not even tried
    }

    [Fact]
    public void A_valid_cookie_that_meets_a_full_accept_queue_is_dropped_without_a_reset_and_can_come_back()
    {
        var listener = Listen(TcpProfile.Default, backlog: 0);           // 1 request, 1 child
        var a = listener.Handle(Syn(port: 40000), Ms(0), false, null, TsOffset).Sends[0].Seq;
        var b = listener.Handle(Syn(port: 40001), Ms(1), false, null, TsOffset);
        Assert.Equal(ListenerOutcome.CookieSent, b.Outcome);
        var cookie = b.Sends[0].Seq;
        Assert.Equal(ListenerOutcome.Admitted,
            listener.Handle(Ack(1, 1, a, port: 40000), Ms(10), false, null, TsOffset).Outcome);

        var full = listener.Handle(Ack(1, 1, cookie, port: 40001), Ms(11), false, null, TsOffset);

        Assert.Equal(ListenerOutcome.AckDroppedOnOverflow, full.Outcome);
        Assert.Empty(full.Sends.ToArray());
        var c = listener.Counters;
        Assert.Equal((1, 1, 1), (c[TcpExt.SyncookiesRecv], c[TcpExt.ListenOverflows], c[TcpExt.ListenDrops]));

        Assert.True(listener.TryAccept(out _));
        var data = Ack(1, 1, cookie, port: 40001, len: 100, flags: TcpFlags.Psh | TcpFlags.Ack);
        var later = listener.Handle(data, Ms(300), false, null, TsOffset);
        Assert.Equal((ListenerOutcome.Admitted, true), (later.Outcome, later.Child.FromCookie));
    }

    [Fact]
    public void A_valid_cookie_whose_echoed_options_our_sysctls_refuse_meets_listen_and_is_reset()
    {
        var listener = Listen(Profile("linux-6.18", ("net.ipv4.tcp_syncookies", "2"), ("net.ipv4.tcp_sack", "0")));
        var synAck = listener.Handle(Syn(), Ms(1000), false, null, TsOffset).Sends[0];

        var step = listener.Handle(Ack(1, 1, synAck.Seq, tsVal: 530, tsEcr: synAck.TsVal + 0x10), Ms(1020),
            false, null, TsOffset);

        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(1)), (step.Outcome, Text(step.Sends[0], synAck.Seq)));
        Assert.Equal(1, listener.Counters[TcpExt.SyncookiesRecv]);
    }

    [Fact]
    public void A_syn_ack_or_a_reset_is_never_taken_for_a_cookie()
    {
        var listener = Listen(Always);
        var cookie = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0].Seq;

        var synAck = listener.Handle(Ack(1, 1, cookie, flags: TcpFlags.Syn | TcpFlags.Ack), Ms(10), false,
            null, TsOffset);
        var rstAck = listener.Handle(Ack(1, 1, cookie, flags: TcpFlags.Rst | TcpFlags.Ack), Ms(20), false,
            null, TsOffset);

        Assert.Equal((ListenerOutcome.Refused, 1), (synAck.Outcome, synAck.Sends.Length));
        Assert.Equal((ListenerOutcome.None, 0), (rstAck.Outcome, rstAck.Sends.Length));
        Assert.Equal((0, 0), (listener.Counters[TcpExt.SyncookiesRecv], listener.Counters[TcpExt.SyncookiesFailed]));
    }

    [Fact]
    public void A_listener_that_never_sent_a_cookie_resets_a_stray_ack_without_checking_it()
    {
        var listener = Listen(TcpProfile.Default);

        var step = listener.Handle(Ack(4000, 9000), Ms(0), false, null, TsOffset);   // the listener has no ISN for it

        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(9000)), (step.Outcome, Text(step.Sends[0])));
        Assert.Equal(0, listener.Counters[TcpExt.SyncookiesFailed]);
    }
}
