using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One full socket and the application on it: a Tcb (which keeps its own timers) and the session it
/// plays.</summary>
/// <remarks>
/// Lives in an endpoint grain (or directly in the local runner). One instance serves one connection at a time and,
/// once that connection has ended, the next one its host gives it, so the grain outlives a 4-tuple's incarnation.
/// The Tcb keeps its timers' deadlines and the session its application timer's (EndpointRuntime.Closing.cs); this
/// class only passes each change on to the host (<see cref="EndpointOutput.Timers"/>), which wakes it then.
/// </remarks>
public sealed partial class EndpointRuntime(TcpProfile profile)
{
    private Tcb? _tcb;
    private SessionPlan _plan;
    private bool _ended, _accepted, _closeCalled, _peerClosed;
    private int _requestsSent, _responsesDone, _responsesQueued;
    private long _read, _written;
    private Instant _startedAt, _connectedAt;

    public TcpState State => _tcb?.State ?? TcpState.Closed;
    public bool Live => _tcb is not null && !_ended;

    /// <summary>Handles a window's inputs in order and writes what happened into <paramref name="output"/>.</summary>
    public void Run(ReadOnlySpan<EndpointInput> inputs, in EndpointStart start, EndpointOutput output)
    {
        foreach (ref readonly var input in inputs)
        {
            if (_ended && input.Kind is not (EndpointInputKind.Connect or EndpointInputKind.Admit))
            {
                if (input.Kind == EndpointInputKind.Segment) output.Bounced.Add(input);   // the host routes it again
                continue;
            }
            switch (input.Kind)
            {
                case EndpointInputKind.Connect: StartClient(in input, in start, output); break;
                case EndpointInputKind.Admit: StartServer(in input, in start, output); break;
                case EndpointInputKind.Segment: Step(_tcb!.Handle(input.Segment, input.At), input.At, output); break;
                case EndpointInputKind.Timer: FireTimer(input.Timer, input.At, output); break;
                case EndpointInputKind.AppTimer: FireAppTimer(input.At, output); break;
                case EndpointInputKind.Accepted: Accept(input.At, output); break;
            }
        }
    }

    private void Reset(in SessionPlan plan, Instant at)
    {
        _appDue = Instant.Never;
        _plan = plan;
        _ended = _accepted = _closeCalled = _peerClosed = false;
        _requestsSent = _responsesDone = _responsesQueued = 0;
        _read = _written = 0;
        _startedAt = _connectedAt = at;
        ResetClosing();
    }

    private void StartClient(in EndpointInput input, in EndpointStart start, EndpointOutput output)
    {
        Reset(start.Plan, input.At);
        var o = start.Open;
        _tcb = Tcb.Connect(o.Tuple, o.Iss, o.TsOffset, profile, o.Reused, o.TsRecent, o.TsRecentStamp);
        Step(_tcb.Open(input.At), input.At, output);
    }

    private void StartServer(in EndpointInput input, in EndpointStart start, EndpointOutput output)
    {
        Reset(start.Plan, input.At);
        _tcb = Tcb.Accept(start.Child, profile, input.At);
        _connectedAt = input.At;
        Step(_tcb.Handle(input.Segment, input.At), input.At, output);
    }

    // A wake-up the host queued earlier: the Tcb ignores it if the timer was re-armed or cancelled since.
    private void FireTimer(TcbTimer timer, Instant at, EndpointOutput output) =>
        Step(_tcb!.OnTimeout(timer, at), at, output);

    // Everything a step asks of the caller: send, re-arm, count, note the state change, and hand over at the end.
    private void Step(in TcbStep step, Instant at, EndpointOutput output)
    {
        foreach (ref readonly var s in step.Sends) output.Sends.Add((s, at));
        output.Retransmissions += step.Retransmissions;
        output.Counters.Add(step.Counters);
        Report(EndpointTimerKind.Retransmit, step.Retransmit, output);
        Report(EndpointTimerKind.DelayedAck, step.DelayedAck, output);
        Report(EndpointTimerKind.FinWait2, step.FinWait2, output);
        if (step.From != step.To) output.Transitions.Add((step.From, step.To));
        if ((step.Events & TcbEvents.EnteredTimeWait) != 0)
        {
            End(EndpointEndKind.TimeWait, at, _tcb!.ToTimeWait(at), TcpError.None, output);
            return;
        }
        if ((step.Events & TcbEvents.Closed) != 0)
        {
            End(EndpointEndKind.Closed, at, default, step.Error, output);
            return;
        }
        React(step.Events, at, output);
    }

    // The host mirrors every edit of a timer, in order: a deadline set, or Never for a cancel.
    private static void Report(EndpointTimerKind kind, TimerEdit edit, EndpointOutput output)
    {
        if (edit.Action == TimerAction.Unchanged) return;
        output.Timers.Add((kind, edit.Action == TimerAction.Cancel ? Instant.Never : edit.Deadline));
    }

    private void End(EndpointEndKind kind, Instant at, TimeWaitEntry tw, TcpError error, EndpointOutput output)
    {
        _ended = true;
        _appDue = Instant.Never;
        output.End = new EndpointEnd(kind, at, tw, error, kind == EndpointEndKind.TimeWait || error == TcpError.None,
            _plan.Client ? Classify(error) : AttemptOutcome.None, _connectedAt, _startedAt);
    }

    // docs/outputs.md: a clean end (or the RST close the scenario asked for, after the last response) completes.
    private AttemptOutcome Classify(TcpError error) => error switch
    {
        TcpError.None => AttemptOutcome.Completed,
        TcpError.ConnReset when _plan.Close == Model.CloseKind.Rst && _responsesDone >= _plan.Requests =>
            AttemptOutcome.Completed,
        TcpError.ConnRefused => AttemptOutcome.Refused,
        TcpError.TimedOut => AttemptOutcome.TimedOut,
        _ => AttemptOutcome.Reset,
    };
}
