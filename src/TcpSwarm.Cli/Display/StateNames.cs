using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Display;

/// <summary>RFC 9293's state names as Linux and netstat print them, indexed by (int)TcpState.</summary>
internal static class StateNames
{
    public static IReadOnlyList<string> ByState { get; } =
    [
        "CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
        "CLOSING", "LAST_ACK", "TIME_WAIT",
    ];

    public static string Of(TcpState state) => ByState[(int)state];

    /// <summary>The name of index i of RunProgress.StateCounts; an index past the eleven states is shown as such.
    /// </summary>
    public static string At(int i) => i < ByState.Count ? ByState[i] : "state " + i;
}
