using System.Diagnostics;
using System.Globalization;

namespace TcpSwarm.TestSupport;

/// <summary>A real child process (tcpswarm itself, redis-server, prometheus) whose output lines are kept as they come,
/// so that a test waits for the line it needs, never for a fixed time; killed, with its whole tree, when disposed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How long a wait may last when the test names none: only a hang reaches it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly List<string> _out = [], _error = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line of stdout so far, each ended by a newline.</summary>
    public string Out
    {
        get { lock (_gate) return Text(_out); }
    }

    /// <summary>Every line of stderr so far, each ended by a newline.</summary>
    public string Error
    {
        get { lock (_gate) return Text(_error); }
    }

    /// <summary>env(1)'s option that gives a child the default disposition of the signals tests send it.</summary>
    public const string DefaultSignals = "--default-signal=HUP,INT,TERM";

    public static ChildProcess Start(string program, params string[] args) =>
        StartIn(AppContext.BaseDirectory, program, args);

    public static ChildProcess StartIn(string directory, string program, params string[] args) =>
        StartWith(directory, null, program, args);

    /// <param name="environment">Variables set for the child, beside this process's own.</param>
    public static ChildProcess StartWith(string directory, IReadOnlyDictionary<string, string>? environment,
        string program, params string[] args)
    {
        // Through env(1) with the signals the tests send at their defaults: a suite started with nohup, or in the
        // background of a script, would otherwise hand its children SIGHUP or SIGINT ignored, and .NET keeps that.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in (string[])[DefaultSignals, program, .. args]) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(child._out, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>tcpswarm itself: `dotnet tcpswarm.dll ARGS`.</summary>
    public static ChildProcess Tcpswarm(params string[] args) => TcpswarmIn(AppContext.BaseDirectory, args);

    /// <summary>tcpswarm run from <paramref name="directory"/>, so that relative paths are read from there.</summary>
    public static ChildProcess TcpswarmIn(string directory, params string[] args) =>
        StartIn(directory, "dotnet", [Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"), .. args]);

    /// <summary>tcpswarm with more environment variables (a password, say).</summary>
    public static ChildProcess TcpswarmWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartWith(AppContext.BaseDirectory, environment, "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"), .. args]);

    /// <summary>Its command line as the kernel shows it to anyone (ps, /proc/PID/cmdline).</summary>
    public string CommandLine => File.ReadAllText($"/proc/{_process.Id}/cmdline").Replace('\0', ' ');

    /// <summary>Sends a signal by name (STOP, CONT, TERM, HUP, KILL) as kill(1) does, and waits for kill to end.
    /// </summary>
    /// <returns>kill's exit code: 0 when the signal was sent, 1 when the process had already ended.</returns>
    public async Task<int> Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-s", name, _process.Id.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
        })!;
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }

    /// <summary>Waits until stdout (or stderr) holds a line that <paramref name="seen"/> accepts; fails if the
    /// process ends first, or after <see cref="Patience"/>.</summary>
    public Task WaitForLine(Func<string, bool> seen, string what, bool onError = false) =>
        WaitForLine(seen, Patience, what, onError);

    /// <summary>The same with a patience of the test's own, still one that only a hang reaches.</summary>
    public async Task WaitForLine(Func<string, bool> seen, TimeSpan patience, string what, bool onError = false)
    {
        if (!await WaitForLineOrExit(seen, patience, what, onError))
            Assert.Fail($"the process ended (exit {_process.ExitCode}) before {what}:\n{Out}\n{Error}");
    }

    /// <summary>Waits until stdout (or stderr) holds a line that <paramref name="seen"/> accepts (true) or the process
    /// has ended without one (false); fails after <paramref name="patience"/>.</summary>
    public async Task<bool> WaitForLineOrExit(Func<string, bool> seen, TimeSpan patience, string what,
        bool onError = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if ((onError ? _error : _out).Any(seen)) return true;
                next = _line.Task;
            }
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();                // every line read
                lock (_gate) return (onError ? _error : _out).Any(seen);
            }
            var left = patience - deadline.Elapsed;
            if (left <= TimeSpan.Zero) Assert.Fail($"no {what} within {patience}:\n{Out}\n{Error}");
            // A new line, or the process's end, whichever comes first.
            await Task.WhenAny(next, _process.WaitForExitAsync()).WaitAsync(left);
        }
    }

    /// <summary>Waits for the process to end by itself (at most <see cref="Patience"/>); its exit code, with every
    /// line of its output read.</summary>
    public Task<int> Exit() => Exit(Patience);

    /// <summary>The same with a patience of the test's own, still one that only a hang reaches.</summary>
    public async Task<int> Exit(TimeSpan patience)
    {
        await _process.WaitForExitAsync().WaitAsync(patience);
        _process.WaitForExit();                                   // and for the last lines of output
        return _process.ExitCode;
    }

    /// <summary>Ends it at once, as a crash or `kill -9` would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A stopped process dies of SIGKILL too; no SIGCONT needed.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string Text(List<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private void Append(List<string> to, string? line)
    {
        if (line is null) return;
        TaskCompletionSource seen;
        lock (_gate)
        {
            to.Add(line);
            seen = _line;
            _line = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        seen.TrySetResult();
    }
}
