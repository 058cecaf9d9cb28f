using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

// reqsk_timer_handler and syn_ack_recalc (docs/model.md), without TCP_DEFER_ACCEPT.
public sealed partial class Listener
{
    /// <summary>A request timer fired; a stale call (entry gone, or re-armed later) changes nothing.</summary>
    public ListenerStep OnTimer(in SocketPair request, Instant now)
    {
        var step = new ListenerStep();
        ref var entry = ref _synQueue.Find(in request);
        if (Unsafe.IsNullRef(ref entry) || now < entry.Deadline) return step;

        int retries = _synQueue.SynAckRetries(_profile.TcpSynackRetries, Backlog);   // before this entry ages
        Counters.Increment(TcpExt.TCPTimeouts);          // tcp_syn_ack_timeout: every expiry, the last one too
        if (entry.NumTimeout >= retries)
        {
            var gone = _synQueue.Remove(in request);      // dropped without a word: no RST
            _expired++;
            Ended(in request, gone.BornAt, ListenerOutcome.RequestExpired, ref step);
            return step;
        }
        ResendSynAck(ref entry, in request, now, ref step);
        _synQueue.TimedOut(ref entry);
        entry.Deadline = now + SynQueue.Timeout(_profile, entry.NumTimeout);
        step.RequestTimer = TimerEdit.Set(entry.Deadline);
        return step;
    }
}
