using System.Text;

namespace TcpSwarm.Cli.Sweep;

/// <summary>One run of a sweep: the varied keys' values and the seed, and where under the sweep folder it goes.
/// </summary>
internal sealed record SweepPoint(IReadOnlyList<(string Key, string Value)> Set, ulong Seed)
{
    /// <summary>The point's folder, relative to the sweep folder: KEY=VALUE[,KEY=VALUE...] (characters a file name
    /// cannot hold, such as '/', as '_').</summary>
    public string PointFolder => string.Join(",", Set.Select(s => SafeName(s.Key) + "=" + SafeName(s.Value)));

    /// <summary>The run folder, relative to the sweep folder: POINT/seed-N.</summary>
    public string RunFolder => Path.Combine(PointFolder, $"seed-{Seed}");

    private static string SafeName(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text) b.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '%' ? c : '_');
        return b.ToString();
    }
}
