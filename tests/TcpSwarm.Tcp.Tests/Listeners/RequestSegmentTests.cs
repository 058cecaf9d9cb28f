using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class RequestSegmentTests
{
    [Fact]
    public void A_retransmitted_syn_resends_the_synack_and_restarts_the_timer_without_counting_a_timeout()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(tsVal: 500), Ms(0)).Sends[0].Seq;

        var step = d.ToListener(Syn(tsVal: 800), Ms(300));

        Assert.Equal(ListenerOutcome.SynAckRetransmitted, step.Outcome);
        var synAck = Assert.Single(step.Sends.ToArray());
        Assert.Equal((Rungs.SynAck(0, 1), 300 + TsOffset, 500u), (Text(synAck, iss), synAck.TsVal, synAck.TsEcr));
        Assert.Equal((Tuple(), TimerEdit.Set(Ms(1300))), (step.Request, step.RequestTimer));
        var c = d.Listener.Counters;
        Assert.Equal((0, 1), (c[TcpExt.TCPTimeouts], c[TcpExt.RetransSegs]));
        // the old deadline
        Assert.Equal(ListenerOutcome.None, ModelTimers.Fire(d.Listener, Tuple(), Ms(1000)).Outcome);

        d.RunUntil(S(10));                               // num_timeout is still 0: waits of 1, 2, 4 s from 1.3 s
        Assert.Equal([Ms(0), Ms(300), Ms(1300), Ms(3300), Ms(7300)], d.ListenerSentTo(ClientPort));
    }

    [Fact]
    public void A_second_retransmitted_syn_within_500_ms_gets_no_synack()
    {
        var d = Listening(TcpProfile.Default);
        d.ToListener(Syn(), Ms(0));
        d.ToListener(Syn(), Ms(300));

        var step = d.ToListener(Syn(), Ms(799));
        var later = d.ToListener(Syn(), Ms(800));

        Assert.Equal((ListenerOutcome.None, 0, TimerAction.Unchanged),
            (step.Outcome, step.Sends.Length, step.RequestTimer.Action));
        Assert.Equal(ListenerOutcome.SynAckRetransmitted, later.Outcome);
        Assert.Equal(1, d.Listener.Counters[TcpExt.TCPACKSkippedSynRecv]);
    }

    [Fact]
    public void The_child_of_a_request_whose_synack_was_resent_takes_no_rtt_sample()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(), Ms(0)).Sends[0].Seq;
        d.RunUntil(S(1));

        var step = d.ToListener(Ack(1, 1, iss), Ms(1010));

        Assert.Equal((ListenerOutcome.Admitted, true, Ms(0)),
            (step.Outcome, step.Child.SynAckRetransmitted, step.Child.FirstSynAckAt));
    }

    [Fact]
    public void An_in_window_reset_ends_the_request_without_a_reply()
    {
        var d = Listening(TcpProfile.Default);
        d.ToListener(Syn(), Ms(0));

        var step = d.ToListener(Ack(1, 0, flags: TcpFlags.Rst), Ms(20));

        Assert.Equal((ListenerOutcome.RequestReset, 0), (step.Outcome, step.Sends.Length));
        Assert.Equal((Tuple(), TimerEdit.Cancel, Ms(0)), (step.Request, step.RequestTimer, step.RequestBornAt));
        Assert.False(d.Listener.HasRequest(Tuple()));
        var c = d.Listener.Counters;
        Assert.Equal((1, 1, 0), (c[TcpExt.EmbryonicRsts], c[TcpExt.AttemptFails], c[TcpExt.OutRsts]));
        Assert.Equal(new ListenerBooks(1, 1, 0, 0, 1, 0, 0, 0, 0), d.Listener.Books);
    }

    [Fact]
    public void A_reset_outside_the_window_is_ignored()
    {
        var d = Listening(TcpProfile.Default);
        d.ToListener(Syn(), Ms(0));

        var step = d.ToListener(Ack(70_001, 0, flags: TcpFlags.Rst), Ms(20));

        Assert.Equal((ListenerOutcome.None, 0), (step.Outcome, step.Sends.Length));
        Assert.True(d.Listener.HasRequest(Tuple()));
    }

    [Fact]
    public void A_new_syn_inside_the_window_resets_the_request_and_is_answered_with_a_reset()
    {
        var d = Listening(TcpProfile.Default);
        d.ToListener(Syn(), Ms(0));

        var step = d.ToListener(Syn(seq: 100), Ms(20));

        Assert.Equal(ListenerOutcome.RequestReset, step.Outcome);
        // <SEQ=0><ACK=SEG.SEQ+SEG.LEN>, as LISTEN answers: its seq is the raw 0, from no ISN of ours
        Assert.Equal(Rungs.RstAck(0, 101), Text(Assert.Single(step.Sends.ToArray())));
        Assert.Equal((1, 1, 1), (d.Listener.Counters[TcpExt.EmbryonicRsts], d.Listener.Counters[TcpExt.AttemptFails],
            d.Listener.Counters[TcpExt.OutRsts]));
    }

    [Fact]
    public void An_ack_for_something_never_sent_is_reset_as_listen_would_and_the_request_stays()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(), Ms(0)).Sends[0].Seq;

        var step = d.ToListener(Ack(1, 2, iss), Ms(20));

        Assert.Equal((ListenerOutcome.Refused, Rungs.Rst(2)), (step.Outcome, Text(step.Sends[0], iss)));
        Assert.Equal(TimerAction.Unchanged, step.RequestTimer.Action);
        Assert.True(d.Listener.HasRequest(Tuple()));
        Assert.Equal(ListenerOutcome.Admitted, d.ToListener(Ack(1, 1, iss), Ms(30)).Outcome);
    }

    [Fact]
    public void A_good_ack_outside_the_window_gets_our_ack_at_most_once_per_500_ms()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(tsVal: 500), Ms(0)).Sends[0].Seq;
        var outside = Ack(65_537, 1, iss, tsVal: 520, tsEcr: TsOffset);

        var first = d.ToListener(outside, Ms(20));
        var second = d.ToListener(outside, Ms(100));
        var data = d.ToListener(outside with { Length = 10 }, Ms(110));   // data is never rate-limited

        Assert.Equal(ListenerOutcome.None, first.Outcome);
        var ack = Assert.Single(first.Sends.ToArray());
        Assert.Equal((Rungs.Ack(1, 1), (ushort)509, 20 + TsOffset, 500u),
            (Text(ack, iss), ack.Window, ack.TsVal, ack.TsEcr));   // 65160 bytes >> our scale of 7
        Assert.Equal((0, 1), (second.Sends.Length, data.Sends.Length));
        Assert.Equal(1, d.Listener.Counters[TcpExt.TCPACKSkippedSynRecv]);
        Assert.True(d.Listener.HasRequest(Tuple()));
    }

    [Fact]
    public void A_segment_without_ack_inside_the_window_is_dropped_silently()
    {
        var d = Listening(TcpProfile.Default);
        d.ToListener(Syn(), Ms(0));

        var step = d.ToListener(Ack(1, 0, len: 10, flags: TcpFlags.Psh), Ms(20));

        Assert.Equal((ListenerOutcome.None, 0), (step.Outcome, step.Sends.Length));
        Assert.True(d.Listener.HasRequest(Tuple()));
    }

    [Fact]
    public void An_ack_with_an_older_timestamp_than_the_syn_fails_paws_and_is_answered_with_an_ack()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(tsVal: 500), Ms(0)).Sends[0].Seq;

        var step = d.ToListener(Ack(1, 1, iss, tsVal: 499, tsEcr: TsOffset), Ms(20));

        Assert.Equal(ListenerOutcome.None, step.Outcome);
        Assert.Equal(Rungs.Ack(1, 1), Text(Assert.Single(step.Sends.ToArray()), iss));
        Assert.Equal(1, d.Listener.Counters[TcpExt.PAWSEstab]);
        Assert.Equal(ListenerOutcome.Admitted, d.ToListener(Ack(1, 1, iss, tsVal: 501), Ms(40)).Outcome);
    }

    [Fact]
    public void A_timer_call_for_a_request_that_is_gone_changes_nothing()
    {
        var d = Listening(TcpProfile.Default);
        var iss = d.ToListener(Syn(), Ms(0)).Sends[0].Seq;
        d.ToListener(Ack(1, 1, iss), Ms(20));

        var step = ModelTimers.Fire(d.Listener, Tuple(), S(1));

        Assert.Equal((ListenerOutcome.None, 0, TimerAction.Unchanged),
            (step.Outcome, step.Sends.Length, step.RequestTimer.Action));
        Assert.Equal(0, d.Listener.Counters[TcpExt.TCPTimeouts]);
    }
}
