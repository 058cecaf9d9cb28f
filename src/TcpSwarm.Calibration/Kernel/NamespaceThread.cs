using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>A dedicated thread that has joined one network namespace (setns(2)) and runs the calls given to it there.
/// </summary>
/// <remarks>
/// A socket belongs to the namespace of the thread that created it, for good: once made here it can be bound,
/// connected, read and written from any thread. So only socket creation (and blocking raw-socket reads, which are
/// simplest on their own thread) needs this; the process itself never leaves the machine's own namespace. The thread
/// ends when disposed; it is never returned to a pool in a foreign namespace.
/// </remarks>
internal sealed class NamespaceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NamespaceThread(string name)
    {
        Name = name;
        _thread = new Thread(Loop) { IsBackground = true, Name = "netns " + name };
        _thread.Start();
    }

    public string Name { get; }

    /// <summary>Completes once the thread is in the namespace, or fails with why it could not join.</summary>
    public Task Joined => _joined.Task;

    /// <summary>Runs <paramref name="call"/> on the thread, inside the namespace.</summary>
    public async Task<T> RunAsync<T>(Func<T> call)
    {
        await Joined.ConfigureAwait(false);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(call());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return await done.Task.ConfigureAwait(false);
    }

    private void Loop()
    {
        try
        {
            using var handle = File.OpenHandle(Path.Combine("/var/run/netns", Name), FileMode.Open, FileAccess.Read);
            if (Libc.SetNs((int)handle.DangerousGetHandle(), Libc.CloneNewNet) != 0)
                throw new CalibrationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CalibrationException)
        {
            _joined.SetException(e as CalibrationException ?? new CalibrationException(
                $"cannot open network namespace {Name}: {e.Message}", e));
            return;
        }
        _joined.SetResult();
        foreach (var call in _work.GetConsumingEnumerable()) call();
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }
}
