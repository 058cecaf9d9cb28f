using System.Diagnostics;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>One of the machine's own tools (ip, nft, sysctl, nstat, ss), run to its end with a time limit.</summary>
internal static class HostCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Runs the command; its standard output, or a <see cref="CalibrationException"/> saying what failed.
    /// </summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> command, string? input = null,
        CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)
            ?? throw new CalibrationException($"could not start '{command[0]}'");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellation.IsCancellationRequested) throw;
            throw new CalibrationException(
                $"'{string.Join(' ', command)}' did not finish within {Limit.TotalSeconds} s");
        }
        var text = await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new CalibrationException($"'{string.Join(' ', command)}' failed (exit {process.ExitCode}): "
                                           + (await error.ConfigureAwait(false)).Trim());
        return text;
    }

    /// <summary>Whether a tool is on the PATH (or at an absolute path).</summary>
    public static bool Exists(string tool) => tool.Contains('/', StringComparison.Ordinal)
        ? File.Exists(tool)
        : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
}
