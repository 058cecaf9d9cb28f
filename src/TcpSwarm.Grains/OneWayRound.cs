using System.Threading.Tasks.Sources;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>Waits for a round of one-way calls to grains of this silo: each callee says when it is done, the last one
/// wakes the caller. Reused round after round, so waiting allocates nothing.</summary>
/// <remarks>
/// A one-way call costs Orleans no response message, no callback and no timeout; the work item it carries is an
/// object of this silo (placement keeps a host's endpoints and a partition's hosts with it), so the callee reports
/// on it directly. A callee that fails reports its exception, which the caller then throws: nothing is swallowed.
/// The caller's continuation runs on its own activation's scheduler, never inline in a callee's turn.
/// </remarks>
public sealed class OneWayRound : IValueTaskSource, IWorkDone
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _pending;
    private Exception? _failure;

    /// <summary>Starts a round of <paramref name="calls"/> calls; await <see cref="WhenDone"/> after making them.
    /// </summary>
    public void Begin(int calls)
    {
        _core.Reset();
        _failure = null;
        _pending = calls;
        if (calls == 0) _core.SetResult(true);
    }

    public ValueTask WhenDone => new(this, _core.Version);

    public void Done(Exception? failure)
    {
        if (failure is not null) Interlocked.CompareExchange(ref _failure, failure, null);
        if (Interlocked.Decrement(ref _pending) != 0) return;
        if (_failure is { } f) _core.SetException(f);
        else _core.SetResult(true);
    }

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
