using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// When the applications close: the closer close_after its last exchange (or never), the other side
// passive_close_after it reads the closer's FIN (or never: CLOSE_WAIT for good, as a leaking application leaves it).
// Both waits share the App timer with think times and response delays: it is armed for the earlier of the two.
public sealed partial class EndpointRuntime
{
    private Instant _sessionDue = Instant.Never, _closeDue = Instant.Never;
    private Instant _appDue = Instant.Never;                 // the App timer's deadline: the earlier of the two
    private bool _closeScheduled, _closeIsPassive;

    private void ResetClosing()
    {
        _sessionDue = _closeDue = Instant.Never;
        _closeScheduled = _closeIsPassive = false;
    }

    // The closer is done (or, with requests: 0, holds the connection): close now, later, or never.
    private void CloseWhenDue(Instant at, EndpointOutput output) => Schedule(_plan.CloseAfter, false, at, output);

    // The peer's FIN was read: the closer answers at once; the other side after passive_close_after.
    private void PeerFin(Instant at, EndpointOutput output)
    {
        if (_plan.IsCloser) CloseNow(at, output);
        else Schedule(_plan.PassiveCloseAfter, true, at, output);
    }

    private void Schedule(DelaySpec? after, bool passive, Instant at, EndpointOutput output)
    {
        if (_closeScheduled) return;
        _closeScheduled = true;
        _closeIsPassive = passive;
        if (after is null || after.IsZero)
        {
            Close(at, output);
            return;
        }
        var draws = SimRandom.For(_plan.Seed, KeyedHash.Of(_plan.Seed, _tcb!.Tuple),
            DelayDraw.Purpose ^ (ulong)_startedAt.Nanoseconds ^ (passive ? 1UL : 0UL));
        if (DelayDraw.Draw(after, ref draws) is not { } wait) return;          // never: the application holds it
        _closeDue = at + wait;
        ArmApp(output);
    }

    private void Close(Instant at, EndpointOutput output)
    {
        if (_closeCalled) return;
        if (_closeIsPassive) CloseNow(at, output);
        else CloseAsAsked(at, output);
    }

    private void SetAppTimer(Instant deadline, EndpointOutput output)
    {
        _sessionDue = deadline;
        ArmApp(output);
    }

    private void ArmApp(EndpointOutput output)
    {
        var due = _sessionDue < _closeDue ? _sessionDue : _closeDue;
        if (_appDue == due) return;
        _appDue = due;
        output.Timers.Add((EndpointTimerKind.App, due));
    }

    private void FireAppTimer(Instant at, EndpointOutput output)
    {
        if (_appDue != at) return;                              // re-armed or cancelled since: stale
        _appDue = Instant.Never;
        if (_sessionDue == at)
        {
            _sessionDue = Instant.Never;
            SessionTimer(at, output);
        }
        if (!_ended && _closeDue == at)
        {
            _closeDue = Instant.Never;
            Close(at, output);
        }
        if (!_ended) ArmApp(output);
    }
}
