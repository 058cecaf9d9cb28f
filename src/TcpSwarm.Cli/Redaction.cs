using System.Text.RegularExpressions;

namespace TcpSwarm.Cli;

/// <summary>The command line as run.json may keep it: a Redis password in --redis (or any argument) masked.</summary>
internal static partial class Redaction
{
    [GeneratedRegex("(password=)[^,]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Password();

    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> args) =>
        [.. args.Select(a => Password().Replace(a, "$1***"))];
}
