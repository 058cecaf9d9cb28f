using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TcpSwarm.Cluster.Tests;

/// <summary>A real child process whose output lines are kept as they come, so a test can wait for one; killed, with
/// its whole tree, when disposed.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _error = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Out
    {
        get { lock (_gate) return _out.ToString(); }
    }

    public string Error
    {
        get { lock (_gate) return _error.ToString(); }
    }

    public static ChildProcess Start(string program, params string[] args) => StartIn(AppContext.BaseDirectory, program, args);

    public static ChildProcess StartIn(string directory, string program, params string[] args) =>
        StartWith(directory, null, program, args);

    /// <param name="environment">Variables set for the child, beside this process's own.</param>
    public static ChildProcess StartWith(string directory, IReadOnlyDictionary<string, string>? environment,
        string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(child._out, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._error, e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
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

    /// <summary>Sends a signal by name (STOP, CONT, TERM) with kill(1), and waits for kill to have sent it.</summary>
    public async Task Signal(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (_gate) to.Append(line).Append('\n');
    }

    /// <summary>Waits until stdout holds a line that <paramref name="seen"/> accepts; fails after
    /// <paramref name="patience"/> or if the process ends first.</summary>
    public async Task WaitForLine(Func<string, bool> seen, TimeSpan patience, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < patience)
        {
            if (Out.Split('\n').Any(seen)) return;
            if (_process.HasExited)
            {
                await _exited.Task;
                Assert.Fail($"the process ended (exit {_process.ExitCode}) before {what}:\n{Out}\n{Error}");
            }
            await Task.Delay(100);
        }
        Assert.Fail($"no {what} within {patience.TotalSeconds} s:\n{Out}\n{Error}");
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
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
}
