using System.Diagnostics;

namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>The real tshark as a child process: its rows of fields, checksums checked.</summary>
internal static class Tshark
{
    // Checksums are verified only when asked; without these, tcp.checksum.status stays 2 (unverified).
    private static readonly string[] CheckChecksums =
        ["-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"];

    /// <summary>Any frame that is malformed, carries an expert error, or whose IP or TCP checksum is bad.</summary>
    public const string Broken =
        "_ws.malformed || _ws.expert.severity >= error || ip.checksum.status != 1 || tcp.checksum.status != 1";

    /// <summary>tshark -r FILE -T fields -e ... : one tab-separated row per frame.</summary>
    public static async Task<string[]> Fields(string file, params string[] fields)
    {
        var args = new List<string> { "-r", file };
        args.AddRange(CheckChecksums);
        args.AddRange(["-T", "fields"]);
        foreach (var field in fields) args.AddRange(["-e", field]);
        return await Run(args);
    }

    /// <summary>The frames tshark's display filter picks, as its one-line summaries.</summary>
    public static async Task<string[]> Filter(string file, string filter) =>
        await Run(["-r", file, .. CheckChecksums, "-Y", filter]);

    private static async Task<string[]> Run(IReadOnlyList<string> args)
    {
        var path = Find() ?? Missing();
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"tshark {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "tshark")).FirstOrDefault(File.Exists);

    // In CI a missing tshark must fail, or the pcap files would go unchecked without anyone noticing.
    private static string Missing()
    {
        const string message = "tshark is not installed; install it with "
                               + "'sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tshark' "
                               + "(test.sh installs it when run as root)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>tcp.flags.str as tshark 4 prints it, from the flags' letters: "SA" is SYN,ACK.</summary>
    public static string FlagString(string letters)
    {
        var text = "············".ToCharArray();
        foreach (var letter in letters) text["___CEUAPRSF".IndexOf(letter, StringComparison.Ordinal) + 1] = letter;
        return new string(text);
    }
}
