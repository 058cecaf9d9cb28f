using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class HandshakeTests
{
    [Fact]
    public void A_syn_gets_a_synack_and_the_third_ack_makes_the_child_that_accept_returns()
    {
        var listener = Listen(TcpProfile.Default);

        var step = listener.Handle(Syn(tsVal: 500), Ms(10), peerProven: false, twIsn: null, TsOffset);

        Assert.Equal(ListenerOutcome.RequestQueued, step.Outcome);
        var synAck = Assert.Single(step.Sends.ToArray());
        var iss = synAck.Seq;
        Assert.Equal(Isn.Secure(Secret, Tuple(), Ms(10)), iss);
        Assert.Equal(new Segment(Server, ServerPort, Client, ClientPort, iss, ClientSeq(1),
            TcpFlags.Syn | TcpFlags.Ack, 65160, 0, AllOptions, Mss: 1460, WindowScale: 7, TsVal: 10 + TsOffset,
            TsEcr: 500), synAck);                    // 65536 rounded down to 45 × 1448 (the MSS less timestamps)
        Assert.Equal((Tuple(), TimerEdit.Set(Ms(1010))), (step.Request, step.RequestTimer));
        Assert.Equal((1, 1, 0), (listener.SynQueueLength, listener.SynQueueYoung, listener.AcceptQueueLength));
        Assert.True(listener.HasRequest(Tuple()));

        step = listener.Handle(Ack(1, 1, iss, tsVal: 530, tsEcr: 10 + TsOffset), Ms(30), false, null,
            TsOffset);

        Assert.Equal(ListenerOutcome.Admitted, step.Outcome);
        Assert.Empty(step.Sends.ToArray());
        Assert.Equal(new AcceptedConnection(Tuple(), iss, ClientSeq(0), PeerMss: 1460, PeerWindowScale: 7,
            SackPermitted: true, Timestamps: true, TsRecent: 530, TsOffset: TsOffset, FirstSynAckAt: Ms(10),
            SynAckRetransmitted: false, FromCookie: false, PeerWindow: 502), step.Child);
        Assert.Equal((Tuple(), TimerEdit.Cancel, Ms(10)), (step.Request, step.RequestTimer, step.RequestBornAt));
        Assert.Equal((0, 1), (listener.SynQueueLength, listener.AcceptQueueLength));
        Assert.False(listener.HasRequest(Tuple()));

        Assert.True(listener.TryAccept(out var child));
        Assert.Equal(Tuple(), child);
        Assert.False(listener.TryAccept(out _));
        Assert.Equal(new ListenerBooks(SynsIn: 1, RequestsIn: 1, Admitted: 1, Expired: 0, Reset: 0, Pending: 0,
            SynsDropped: 0, CookiesSent: 0, CookiesAdmitted: 0), listener.Books);
    }

    [Fact]
    public void A_syn_without_options_gets_only_our_mss_and_the_child_assumes_536_without_scaling_or_sack()
    {
        var listener = Listen(TcpProfile.Default);

        var step = listener.Handle(Syn(options: TcpOptions.None), Ms(0), false, null, TsOffset);
        var synAck = step.Sends[0];
        Assert.Equal((TcpOptions.Mss, (ushort)1460, (byte)0, 0u, 0u),
            (synAck.Options, synAck.Mss, synAck.WindowScale, synAck.TsVal, synAck.TsEcr));

        step = listener.Handle(Ack(1, 1, synAck.Seq), Ms(20), false, null, TsOffset);
        Assert.Equal((ListenerOutcome.Admitted, (ushort)536, (sbyte)-1, false, false, 0u),
            (step.Outcome, step.Child.PeerMss, step.Child.PeerWindowScale, step.Child.SackPermitted,
                step.Child.Timestamps, step.Child.TsOffset));   // ts_off is set only with timestamps
    }

    [Fact]
    public void Options_our_sysctls_turn_off_are_not_offered_back()
    {
        var profile = Profile("linux-6.18", ("net.ipv4.tcp_window_scaling", "0"), ("net.ipv4.tcp_sack", "0"),
            ("net.ipv4.tcp_timestamps", "0"));
        var listener = Listen(profile);

        var synAck = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0];

        Assert.Equal(TcpOptions.Mss, synAck.Options);
    }

    [Fact]
    public void A_peer_window_scale_above_14_is_taken_as_14()
    {
        var listener = Listen(TcpProfile.Default);
        var syn = Syn() with { WindowScale = 15 };

        var synAck = listener.Handle(syn, Ms(0), false, null, TsOffset).Sends[0];
        var step = listener.Handle(Ack(1, 1, synAck.Seq), Ms(20), false, null, TsOffset);

        Assert.Equal((sbyte)14, step.Child.PeerWindowScale);
    }

    [Fact]
    public void The_third_ack_may_carry_data_and_still_completes_the_handshake()
    {
        var listener = Listen(TcpProfile.Default);
        var iss = listener.Handle(Syn(), Ms(0), false, null, TsOffset).Sends[0].Seq;

        var step = listener.Handle(Ack(1, 1, iss, len: 100, flags: TcpFlags.Psh | TcpFlags.Ack), Ms(20),
            false, null, TsOffset);

        Assert.Equal(ListenerOutcome.Admitted, step.Outcome);
    }

    [Fact]
    public void The_backlog_is_clamped_to_somaxconn_and_a_negative_one_becomes_somaxconn()
    {
        Assert.Equal(4096, Listen(TcpProfile.Default, backlog: 100_000).Backlog);
        Assert.Equal(4096, Listen(TcpProfile.Default, backlog: -1).Backlog);
        var listener = Listen(Profile("linux-6.18", ("net.core.somaxconn", "128")), backlog: 511);
        Assert.Equal((128, 129, 129), (listener.Backlog, listener.SynQueueLimit, listener.AcceptQueueLimit));
        Assert.Equal(128, Listen(Profile("linux-6.1"), backlog: 128).SynQueueLimit);
    }

    [Fact]
    public void A_segment_for_another_port_is_a_bug_of_the_caller()
    {
        var listener = Listen(TcpProfile.Default);
        var stray = Syn() with { DstPort = 443 };

        Assert.Throws<ArgumentException>(() => listener.Handle(stray, Ms(0), false, null, TsOffset));
    }

    [Fact]
    public void A_steady_stream_of_handshakes_allocates_nothing_once_the_tables_have_grown()
    {
        var listener = Listen(TcpProfile.Default, backlog: 1024);
        Handshakes(listener, from: 0);                   // grows the dictionary and the queue, JITs the path
        long before = GC.GetAllocatedBytesForCurrentThread();
        Handshakes(listener, from: 1_000_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Handshakes(Listener listener, long from)
        {
            for (int i = 0; i < 1000; i++)
            {
                var at = Ms(from + i);
                var port = (ushort)(ClientPort + i % 200);
                var iss = listener.Handle(Syn(port: port), at, false, null, TsOffset).Sends[0].Seq;
                listener.Handle(Ack(1, 1, iss, port: port), at, false, null, TsOffset);
                listener.TryAccept(out _);
            }
        }
    }

    [Fact]
    public void A_request_entry_is_40_bytes()
    {
        Assert.Equal(40, System.Runtime.CompilerServices.Unsafe.SizeOf<RequestEntry>());
    }

    [Fact]
    public void Tcp_maxseg_on_a_listener_caps_the_synacks_mss_and_window_and_the_child_inherits_it()
    {
        // tcp_make_synack announces tcp_mss_clamp(user_mss, advmss); tcp_openreq_init_rwin sizes the window on it
        // (65536 rounded down to 59 × 1100); the child (tcp_create_openreq_child) keeps user_mss, so its MSS is the
        // smaller of 1100 and the peer's 1300. Values outside 88..32767 are refused as do_tcp_setsockopt refuses them.
        var listener = Listen(TcpProfile.Named("linux-6.18"));
        Assert.False(listener.SetMaxSegment(87));
        Assert.True(listener.SetMaxSegment(1100));
        const TcpOptions noTimestamps = TcpOptions.Mss | TcpOptions.WindowScale | TcpOptions.SackPermitted;

        var step = listener.Handle(Syn(mss: 1300, options: noTimestamps), Ms(10), false, null, TsOffset);
        var synAck = Assert.Single(step.Sends.ToArray());
        Assert.Equal(((ushort)1100, (ushort)64900), (synAck.Mss, synAck.Window));

        step = listener.Handle(Ack(1, 1, synAck.Seq), Ms(30), false, null, TsOffset);
        Assert.Equal(ListenerOutcome.Admitted, step.Outcome);
        var child = Tcb.Accept(step.Child, TcpProfile.Named("linux-6.18"), Ms(30), listener.UserMss);
        Assert.Equal((1100, 1100), (child.MaxSegment, child.Info(Ms(30)).AdvMss));
    }
}
