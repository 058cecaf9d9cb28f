using System.Diagnostics;
using System.Globalization;

namespace TcpSwarm.Cli.Tests;

/// <summary>`dotnet tcpswarm.dll ARGS` as a child process the test can signal: its output lines kept as they come so
/// that a test waits for the line it needs, never for a fixed time; killed when disposed.</summary>
internal sealed class ChildTcpswarm : IAsyncDisposable
{
    // Only a hang reaches these.
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly List<string> _out = [], _error = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildTcpswarm(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Out
    {
        get { lock (_gate) return string.Join('\n', _out); }
    }

    public string Error
    {
        get { lock (_gate) return string.Join('\n', _error); }
    }

    /// <summary>Starts tcpswarm with <paramref name="directory"/> as its working directory.</summary>
    public static ChildTcpswarm StartIn(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start };
        var child = new ChildTcpswarm(process);
        process.OutputDataReceived += (_, e) => child.Append(child._out, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public static ChildTcpswarm Start(params string[] args) => StartIn(AppContext.BaseDirectory, args);

    /// <summary>Waits until stdout (or stderr) holds a line that <paramref name="seen"/> accepts; fails if the
    /// process ends first, or after <see cref="Patience"/>.</summary>
    public async Task WaitForLine(Func<string, bool> seen, string what, bool onError = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if ((onError ? _error : _out).Any(seen)) return;
                next = _line.Task;
            }
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                lock (_gate)
                    if ((onError ? _error : _out).Any(seen)) return;
                Assert.Fail($"tcpswarm ended (exit {_process.ExitCode}) before {what}:\n{Out}\n{Error}");
            }
            var left = Patience - deadline.Elapsed;
            if (left <= TimeSpan.Zero) Assert.Fail($"no {what} within {Patience}:\n{Out}\n{Error}");
            // A new line, or the process's end, whichever comes first.
            await Task.WhenAny(next, _process.WaitForExitAsync()).WaitAsync(left);
        }
    }

    /// <summary>Sends a signal by name (TERM, HUP, INT, KILL) as kill(1) does.</summary>
    public async Task Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-s", name, _process.Id.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
        })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end; its exit code, with every line of its output read.</summary>
    public async Task<int> Exit()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        _process.WaitForExit();
        return _process.ExitCode;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
