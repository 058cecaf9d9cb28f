namespace TcpSwarm.Cli;

/// <summary>Stops a run whose working set passes a share of the machine's memory (80%), as Ctrl-C does: at the last
/// completed window, with its partial results written, rather than being killed by the kernel with nothing.</summary>
/// <remarks>It reads the working set four times a wall second; that is wall time, so it never reaches a result, only
/// whether the run is cut short (exit 6, <see cref="ExitCodes.OutOfMemory"/>).</remarks>
internal sealed class MemoryWatch : IDisposable
{
    /// <summary>The share of the machine's memory a run may fill.</summary>
    public const double Share = 0.8;

    private readonly CancellationTokenSource _stop;
    private readonly ITimer _timer;
    private readonly Func<long> _workingSet;
    private int _tripped;

    /// <param name="limitBytes">The machine's memory (as the GC sees it: a container's or DOTNET_GCHeapHardLimit's).
    /// </param>
    /// <param name="outer">Also stops the run (Ctrl-C).</param>
    /// <param name="workingSet">Reads the working set; the process's own by default.</param>
    /// <param name="period">How often; 250 ms by default.</param>
    public MemoryWatch(long limitBytes, CancellationToken outer, Func<long>? workingSet = null, TimeSpan? period = null)
    {
        ThresholdBytes = (long)(limitBytes * Share);
        _workingSet = workingSet ?? (() => Environment.WorkingSet);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var every = period ?? TimeSpan.FromMilliseconds(250);
        _timer = TimeProvider.System.CreateTimer(_ => Check(), null, every, every);
    }

    public long ThresholdBytes { get; }

    /// <summary>Cancelled when the working set passes the threshold, or by the outer token.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether the working set passed the threshold (and the run was asked to stop for it).</summary>
    public bool Tripped => Volatile.Read(ref _tripped) == 1;

    /// <summary>The working set when it was seen past the threshold.</summary>
    public long SeenBytes { get; private set; }

    private void Check()
    {
        if (Tripped) return;
        var now = _workingSet();
        if (now <= ThresholdBytes || Interlocked.Exchange(ref _tripped, 1) == 1) return;
        SeenBytes = now;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended as the watch fired: nothing to stop.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _stop.Dispose();
    }
}
