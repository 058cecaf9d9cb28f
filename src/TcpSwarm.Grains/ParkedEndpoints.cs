using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A host's endpoint slots and whether each one's grain is active: a socket idle for a while is parked, its
/// grain deactivated and its runtime (Tcb and session) kept here until its next input activates the grain with it.
/// </summary>
/// <remarks>
/// Orleans' own idiom for an idle grain: deactivate it and keep its state, with the host as the state's store. An
/// idle grain costs about 2 KB of Orleans' bookkeeping on top of its socket; a parked socket costs only itself, so a
/// million idle connections fit in a silo. Parking never changes a result: the same runtime object carries on.
/// Slots are parked by virtual time, idle for <see cref="ParkAfter"/> at a sampling instant.
/// </remarks>
public sealed class ParkedEndpoints
{
    /// <summary>How long a slot's endpoint must have had no input before it is parked.</summary>
    public static readonly TimeSpan ParkAfter = TimeSpan.FromSeconds(2);

    private readonly List<EndpointRuntime?> _parked = [];
    private static readonly Instant NoGrain = new(long.MinValue);
    private readonly List<Instant> _lastInput = [];                      // NoGrain: no grain active
    private Instant _now;

    /// <summary>Sockets parked here now.</summary>
    public int Count { get; private set; }

    /// <summary>Notes a window's end: the virtual time idleness is measured against.</summary>
    public void WindowEnds(Instant windowEnd) => _now = windowEnd;

    /// <summary>The slot gets work now: its parked runtime, if it has one, goes with it to the grain.</summary>
    public void Unpark(EndpointWork work)
    {
        Grow(work.Slot);
        if (_parked[work.Slot] is { } runtime)
        {
            work.Runtime = runtime;
            _parked[work.Slot] = null;
            Count--;
        }
        _lastInput[work.Slot] = _now;
    }

    /// <summary>Slots whose grain is active and has had no input for <see cref="ParkAfter"/> (or at all, when
    /// <paramref name="all"/>: the run is over).</summary>
    public List<int> Idle(bool all = false)
    {
        var idle = new List<int>();
        var before = all ? Instant.Never : _now - ParkAfter;
        for (int slot = 0; slot < _lastInput.Count; slot++)
            if (_lastInput[slot] != NoGrain && _lastInput[slot] <= before) idle.Add(slot);
        return idle;
    }

    /// <summary>The slot's grain handed its runtime back and deactivates; keep the runtime if the slot is
    /// live.</summary>
    public void Parked(int slot, EndpointRuntime? runtime, bool live)
    {
        _lastInput[slot] = NoGrain;
        if (!live || runtime is null) return;
        _parked[slot] = runtime;
        Count++;
    }

    private void Grow(int slot)
    {
        while (_parked.Count <= slot)
        {
            _parked.Add(null);
            _lastInput.Add(NoGrain);
        }
    }
}
