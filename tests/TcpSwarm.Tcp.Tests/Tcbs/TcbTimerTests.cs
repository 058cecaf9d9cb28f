namespace TcpSwarm.Tcp.Tests.Tcbs;

/// <summary>A Tcb keeps its own timers: each one's deadline, the earliest of them, and which wake-ups are stale.
/// </summary>
public sealed class TcbTimerTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    private static Tcb Opened(out Segment syn)
    {
        var tcb = Tcb.Connect(TcbFixture.ClientTuple, TcbFixture.ClientSeq(0), TcbFixture.ClientTsOffset, Linux618);
        var open = tcb.Open(Instant.Zero);
        Assert.Equal(TimerEdit.Set(Instant.FromSeconds(1)), open.Retransmit);     // the step reports the change
        syn = open.Sends[0];
        return tcb;
    }

    [Fact]
    public void Connect_arms_the_SYN_retransmission_at_the_initial_RTO()
    {
        var tcb = Opened(out _);
        Assert.Equal(Instant.FromSeconds(1), tcb.Deadline(TcbTimer.Retransmit));  // RFC 6298 §2.1: 1 s
        Assert.Equal(Instant.Never, tcb.Deadline(TcbTimer.DelayedAck));
        Assert.Equal(Instant.Never, tcb.Deadline(TcbTimer.FinWait2));
        Assert.Equal(Instant.FromSeconds(1), tcb.NextDeadline);
    }

    [Fact]
    public void A_wake_up_for_a_deadline_the_Tcb_does_not_have_changes_nothing()
    {
        var tcb = Opened(out _);
        var early = tcb.OnTimeout(TcbTimer.Retransmit, Instant.FromMilliseconds(500));
        var unarmed = tcb.OnTimeout(TcbTimer.DelayedAck, Instant.FromSeconds(1));
        Assert.Equal(0, early.Sends.Length);
        Assert.Equal(TimerAction.Unchanged, early.Retransmit.Action);
        Assert.Equal(0, unarmed.Sends.Length);
        Assert.Equal(TcpState.SynSent, tcb.State);
        Assert.Equal(Instant.FromSeconds(1), tcb.NextDeadline);
    }

    [Fact]
    public void At_its_deadline_the_SYN_is_resent_once_and_the_timer_armed_again()
    {
        var tcb = Opened(out var syn);
        var step = tcb.OnTimeout(TcbTimer.Retransmit, Instant.FromSeconds(1));
        Assert.Equal(1, step.Sends.Length);
        Assert.True(step.Sends[0].Has(TcpFlags.Syn));
        Assert.Equal(syn.Seq, step.Sends[0].Seq);
        Assert.Equal(Instant.FromSeconds(2), tcb.NextDeadline);     // tcp_syn_linear_timeouts: the RTO stays 1 s
        Assert.Equal(TimerEdit.Set(Instant.FromSeconds(2)), step.Retransmit);
        Assert.Equal(0, tcb.OnTimeout(TcbTimer.Retransmit, Instant.FromSeconds(1)).Sends.Length);   // fired once
    }

    [Fact]
    public void A_closed_socket_keeps_no_timer()
    {
        var tcb = Opened(out _);
        var step = tcb.Abort(Instant.FromMilliseconds(10));
        Assert.Equal(TcpState.Closed, tcb.State);
        Assert.Equal(TimerAction.Cancel, step.Retransmit.Action);
        Assert.Equal(Instant.Never, tcb.NextDeadline);
    }
}
