using System.Globalization;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>One namespace's counters as `nstat -asz` prints them: "TcpExtListenOverflows   3   0.0", one a line.
/// </summary>
/// <remarks>Lines starting with '#' (nstat's "#kernel" header) and blank lines are skipped; the first column is the
/// counter's name with its MIB prefix (Ip, Tcp, TcpExt, IpExt, ...), the second its absolute value, the third nstat's
/// rate, which is ignored. A counter the kernel does not have reads as absent, not as 0.</remarks>
internal sealed class NstatCounters
{
    private readonly Dictionary<string, long> _values;

    private NstatCounters(Dictionary<string, long> values) => _values = values;

    public IReadOnlyDictionary<string, long> Values => _values;

    /// <summary>Parses nstat's output; a line whose value is not a whole number is refused with its text.</summary>
    public static NstatCounters Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                throw new CalibrationException($"nstat printed a line that is not 'NAME VALUE RATE': '{line}'");
            values[parts[0]] = v;
        }
        return new NstatCounters(values);
    }

    /// <summary>A TcpExt counter by its TcpSwarm name (ListenOverflows is nstat's TcpExtListenOverflows).</summary>
    public long TcpExt(string name) => Get("TcpExt" + name);

    public long Get(string name) => _values.TryGetValue(name, out var v)
        ? v
        : throw new CalibrationException($"this kernel's nstat has no counter {name}");
}
