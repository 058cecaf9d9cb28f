using System.Threading.Tasks.Sources;

namespace TcpSwarm.Grains;

/// <summary>A round of one-way calls to grains of this silo, each carrying its work by <see cref="Handover{T}"/>: all
/// made at once, and the round done when the last callee has said so. Reused round after round, so waiting
/// allocates nothing. The one place a round of one-way calls is written: a partition's hosts' window, a host's
/// endpoints' round, a host's parking of idle endpoints.</summary>
/// <remarks>
/// A one-way call costs Orleans no response message, no callback and no timeout; the work it carries is an object of
/// this silo (placement keeps a host's endpoints and a partition's hosts with it), so the callee reports on it
/// directly. A callee that fails reports its exception, which the caller then throws: nothing is swallowed. The
/// caller's continuation runs on its own activation's scheduler, never inline in a callee's turn. One round at a
/// time: the caller awaits each before it begins the next.
/// </remarks>
public sealed class OneWayRound : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _pending;
    private Exception? _failure;

    /// <summary>Calls <paramref name="call"/> once for each piece of work, all at once, and completes when every
    /// callee has told its handover's <see cref="Handover{T}.Done"/>; throws the first failure.</summary>
    /// <param name="state">Passed to <paramref name="call"/>, so that a static lambda allocates nothing.</param>
    public ValueTask RunAsync<T, TState>(IReadOnlyList<T> work, TState state, Func<TState, Handover<T>, Task> call)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(call);
        _core.Reset();
        _failure = null;
        _pending = work.Count;
        if (work.Count == 0) _core.SetResult(true);
        for (int i = 0; i < work.Count; i++) _ = call(state, new Handover<T>(work[i], this));   // indexed: no boxing
        return new ValueTask(this, _core.Version);
    }

    internal void Done(Exception? failure)
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
