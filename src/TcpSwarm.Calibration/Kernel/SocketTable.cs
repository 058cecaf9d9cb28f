using System.Net;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>One namespace's TCP sockets as `ss -Htan` prints them: state, queues, local and peer address:port.
/// </summary>
/// <remarks>ss lists request socks as SYN-RECV and timewait socks as TIME-WAIT, beside full sockets, so one call
/// counts all three kinds the way TcpSwarm's per-state gauges do.</remarks>
internal sealed class SocketTable
{
    private SocketTable(IReadOnlyList<SocketRow> rows) => Rows = rows;

    public IReadOnlyList<SocketRow> Rows { get; }

    /// <summary>Parses `ss -Htan` output (no header line); anything else is refused with its text.</summary>
    public static SocketTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<SocketRow>();
        foreach (var raw in text.Split('\n'))
        {
            var parts = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts.Length < 5 || !IPEndPoint.TryParse(parts[3], out var local)
                || !IPEndPoint.TryParse(parts[4].Replace("*", "0", StringComparison.Ordinal), out var peer))
                throw new CalibrationException(
                    $"ss printed a line that is not 'STATE RECV-Q SEND-Q LOCAL PEER': '{raw}'");
            rows.Add(new SocketRow(parts[0], local, peer));
        }
        return new SocketTable(rows);
    }

    /// <summary>Sockets in a state (ss's word: SYN-RECV, ESTAB, TIME-WAIT, SYN-SENT, LISTEN ...), optionally only
    /// those whose local port is <paramref name="localPort"/>.</summary>
    public int Count(string state, int? localPort = null) =>
        Rows.Count(r => r.State == state && (localPort is null || r.Local.Port == localPort));
}
