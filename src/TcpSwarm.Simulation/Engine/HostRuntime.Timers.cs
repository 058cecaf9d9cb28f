using System.Runtime.CompilerServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// Endpoint timers without stale wake-ups. An endpoint re-arms its retransmission timer on nearly every segment and
// cancels it on nearly every ACK; queueing every deadline, and calling the endpoint's grain when an old one came due,
// cost a grain call for nothing most times (five in seven endpoint calls of a plain lifecycle). So the host mirrors
// each slot's deadlines and keeps at most one queued entry per slot and timer kind that comes due no later than the
// deadline: when it comes due, the endpoint is called only if its deadline is that instant, else the entry is
// queued again for the deadline. Endpoints still see exactly the timers they set, at exactly their deadlines.
public sealed partial class HostRuntime
{
    private readonly List<SlotTimers> _timers = [];

    // A slot's timers as its endpoint last set them, and the earliest instant one of its entries is queued for.
    private struct SlotTimers
    {
        public Kinds Deadline, Armed;

        public static SlotTimers None => new() { Deadline = Kinds.Never, Armed = Kinds.Never };
    }

    [InlineArray(4)]
    private struct Kinds
    {
        private Instant _element;

        public static Kinds Never
        {
            get
            {
                var k = default(Kinds);
                ((Span<Instant>)k).Fill(Instant.Never);
                return k;
            }
        }
    }

    private ref SlotTimers TimersOf(int slot)
    {
        while (_timers.Count <= slot) _timers.Add(SlotTimers.None);
        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_timers)[slot];
    }

    // An endpoint set (or, with Never, cancelled) one of its timers.
    private void TimerEdited(int slot, EndpointTimerKind kind, Instant deadline, HostWindow output)
    {
        ref var t = ref TimersOf(slot);
        int k = (int)kind;
        t.Deadline[k] = deadline;
        if (deadline == Instant.Never || t.Armed[k] <= deadline) return;      // an entry comes due first anyway
        t.Armed[k] = deadline;
        Wake(new HostEvent(HostEventKind.EndpointTimer, deadline, Address, 0, Slot: slot, EndpointTimer: kind), output);
    }

    // A slot's connection ended: its endpoint keeps no deadline; entries still queued come due and are dropped.
    private void TimersEnded(int slot)
    {
        if (slot < _timers.Count) TimersOf(slot).Deadline = Kinds.Never;
    }

    // A queued entry came due: the endpoint's timer fires if its deadline is now, else the entry waits for it.
    private bool TimerDue(int slot, EndpointTimerKind kind, Instant at, HostWindow output)
    {
        ref var t = ref TimersOf(slot);
        int k = (int)kind;
        if (t.Armed[k] != at) return false;                                   // a superseded entry
        t.Armed[k] = Instant.Never;
        var deadline = t.Deadline[k];
        if (deadline == at)
        {
            t.Deadline[k] = Instant.Never;                                    // fired: the endpoint clears it too
            return true;
        }
        if (deadline != Instant.Never) TimerEdited(slot, kind, deadline, output);
        return false;
    }
}
