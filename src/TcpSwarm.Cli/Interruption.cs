using System.Runtime.InteropServices;

namespace TcpSwarm.Cli;

/// <summary>SIGINT (Ctrl-C), SIGTERM or SIGHUP during a verb: the first asks it to stop at its last completed step
/// and write what it has; every later one is acknowledged on the error stream and changes nothing.</summary>
/// <remarks>
/// GNU timeout, systemd and CI runners send SIGTERM to the process and again to its group, so a second signal often
/// arrives while the results are written: quitting then would lose the whole run. Only SIGKILL ends tcpswarm before
/// it has written what it has; the files are renamed into place, so even then none is half-written.
/// The signals are caught through <see cref="PosixSignalRegistration"/> only: registering Console.CancelKeyPress as
/// well would see one Ctrl-C twice.
/// </remarks>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _lock = new();
    private int _requests;
    private bool _disposed;

    /// <param name="error">Where to say what a request does.</param>
    public Interruption(TextWriter error) => _error = error;

    /// <summary>Cancelled by the first request.</summary>
    public CancellationToken Token => _stop.Token;

    public bool Requested => Volatile.Read(ref _requests) > 0;

    /// <summary>What the first request does, said on the error stream; the run verb's by default.</summary>
    public string FirstRequestMeans { get; set; } = "stopping at the last completed window, then writing the results "
                                                   + "marked partial (a further signal does not stop the writing)";

    /// <summary>What a later request is told, said on the error stream; the run verb's by default.</summary>
    public string LaterRequestMeans { get; set; } = "the results are still being written and will be kept; only "
                                                   + "SIGKILL stops tcpswarm before that";

    /// <summary>Listens for SIGINT, SIGTERM and SIGHUP until disposed.</summary>
    public static Interruption OnSignals(TextWriter error)
    {
        var interruption = new Interruption(error);
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
        {
            interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // The process must not die of the signal: the verb stops in order and writes what it has.
                context.Cancel = true;
                interruption.Request(Name(context.Signal));
            }));
        }
        return interruption;
    }

    /// <summary>One signal (or a test's request), named in the line that acknowledges it.</summary>
    public void Request(string signal = "SIGINT")
    {
        lock (_lock)
        {
            if (_disposed && _requests == 0) return;
            if (++_requests == 1)
            {
                _error.WriteLine($"interrupted ({signal}): {FirstRequestMeans}");
                _error.Flush();
                _stop.Cancel();
                return;
            }
            _error.WriteLine($"interrupted again ({signal}): {LaterRequestMeans}");
            _error.Flush();
        }
    }

    /// <summary>Stops listening, unless a signal came: then the signals stay caught until the process ends, so that a
    /// late one does not turn the interrupted run's exit code 130 into death by that signal.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            if (_requests > 0) return;
        }
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }

    private static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP",
        _ => signal.ToString(),
    };
}
