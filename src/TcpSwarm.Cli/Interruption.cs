using System.Runtime.InteropServices;

namespace TcpSwarm.Cli;

/// <summary>Ctrl-C during a run: the first asks the runner to stop at its last completed window; the second quits at
/// once, writing nothing.</summary>
/// <remarks>SIGINT (Ctrl-C) and SIGTERM are caught through <see cref="PosixSignalRegistration"/> only: registering
/// Console.CancelKeyPress as well would see one Ctrl-C twice, and the second press quits.</remarks>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _error;
    private readonly Action<int> _quit;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _requests;

    /// <param name="error">Where to say what a request does.</param>
    /// <param name="quit">Ends the process with an exit code (Environment.Exit for the real program).</param>
    public Interruption(TextWriter error, Action<int> quit)
    {
        _error = error;
        _quit = quit;
    }

    /// <summary>Cancelled by the first request.</summary>
    public CancellationToken Token => _stop.Token;

    public bool Requested => Volatile.Read(ref _requests) > 0;

    /// <summary>What the first request does, said on the error stream; the run verb's by default.</summary>
    public string FirstRequestMeans { get; set; } = "stopping at the last completed window, then writing the results "
                                                   + "(Ctrl-C again quits at once and writes nothing)";

    /// <summary>Listens for SIGINT and SIGTERM until disposed; the second one ends the process with 130.</summary>
    public static Interruption OnSignals(TextWriter error)
    {
        var interruption = new Interruption(error, Environment.Exit);
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM])
        {
            interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // The process must not die on the first signal: the runner stops and the files are written.
                context.Cancel = true;
                interruption.Request();
            }));
        }
        return interruption;
    }

    /// <summary>One Ctrl-C or SIGTERM.</summary>
    public void Request()
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _error.WriteLine("interrupted: " + FirstRequestMeans);
            _stop.Cancel();
            return;
        }
        _error.WriteLine("interrupted again: quitting without writing the results");
        _error.Flush();
        _quit(ExitCodes.Interrupted);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
