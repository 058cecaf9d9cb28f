namespace TcpSwarm.Scenarios;

/// <summary>A real server's sysctls as `sysctl -a` prints them (or /etc/sysctl.conf holds them): one `key = value` a
/// line, each remembered with where it stands.</summary>
/// <remarks>
/// Read as sysctl(8) reads a configuration file: blank lines and lines starting with '#' or ';' are comments, a
/// leading '-' (sysctl.conf's "ignore a failure") is dropped, '/' in a key is '.', the key ends at the first '=' and
/// both sides are trimmed; a later line for the same key wins. Lines `sysctl -a` writes on stderr ("sysctl: permission
/// denied on key ...") are skipped, so `sysctl -a &gt; FILE 2&gt;&amp;1` reads too. Any other line without '=' is a
/// problem at its line. Which keys mean anything is not decided here: the scenario reader takes the ones the model
/// has (<see cref="Tcp.Sysctls"/>) and counts the rest as ignored.
/// </remarks>
/// <param name="Settings">Every `key = value` line, in file order.</param>
/// <param name="Problems">Lines that are neither a setting, a comment nor a sysctl message.</param>
public sealed record SysctlFile(IReadOnlyList<SysctlSetting> Settings, IReadOnlyList<ScenarioProblem> Problems)
{
    // Lines that are no setting reported one by one; the rest are counted (a wrong file has thousands).
    private const int MaxLinesRefused = 20;

    /// <summary>Reads a file; a missing or unreadable one is one problem, located at <paramref name="at"/>.</summary>
    internal static SysctlFile Read(string path, Spot at, string field, out string? text)
    {
        if (InputFile.TryRead(path, InputFile.SysctlLimitBytes, out var read, out var error))
        {
            text = read;
            return Parse(path, read);
        }
        text = null;
        return Failed(at, field, error == "no such file"
            ? $"no such file '{path}'; use the path of a file of `sysctl -a` output"
            : $"'{path}' {error}");
    }

    private static SysctlFile Failed(Spot at, string field, string message) =>
        new([], [new ScenarioProblem(at.File, at.Line, at.Column, field, message)]);

    /// <summary>Parses the text of a sysctl file; never throws for bad input.</summary>
    /// <param name="label">The file as the user named it: its problems are located in it.</param>
    /// <param name="text">The file's text.</param>
    public static SysctlFile Parse(string label, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new List<SysctlSetting>();
        var problems = new List<ScenarioProblem>();
        var lines = text.Split('\n');
        int refused = 0;
        var unreported = (Line: 0, Column: 0);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            int start = line.Length - line.TrimStart().Length;
            var body = line[start..];
            if (body.Length == 0 || body[0] is '#' or ';' || body.StartsWith("sysctl: ", StringComparison.Ordinal))
                continue;
            if (body[0] == '-')
            {
                start++;
                body = body[1..];
            }
            int equals = body.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? "" : body[..equals].Trim();
            if (key.Length == 0 || key.AsSpan().IndexOfAny(' ', '\t') >= 0)
            {
                if (++refused == MaxLinesRefused + 1) unreported = (i + 1, start + 1);
                if (refused > MaxLinesRefused) continue;
                // The line is not quoted: the file may be anything the user can read (/etc/shadow by mistake).
                problems.Add(new ScenarioProblem(label, i + 1, start + 1, "line",
                    (equals < 0 ? "is not a setting (no '=')" : "is not a setting (a key with a blank, or none)")
                    + "; use 'key = value' as sysctl -a prints it (net.ipv4.tcp_syncookies = 1), or '#' for a "
                    + "comment"));
                continue;
            }
            var rest = body[(equals + 1)..];
            int valueStart = start + equals + 1 + (rest.Length - rest.TrimStart().Length);
            var value = string.Join(' ', rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            settings.Add(new SysctlSetting(key.Replace('/', '.'), value, i + 1, start + 1, valueStart + 1));
        }
        if (refused > MaxLinesRefused)
            problems.Add(new ScenarioProblem(label, unreported.Line, unreported.Column, "line",
                $"this line and {Kinds.N(refused - MaxLinesRefused - 1)} more are not settings either; "
                + "is it a file of `sysctl -a` output?"));
        return new(settings, problems);
    }
}
