namespace TcpSwarm.Calibration.Kernel;

/// <summary>The nftables rulesets the experiments drop segments with, each in its own table of one namespace.
/// </summary>
/// <remarks>Drops happen on input, at the receiver: a segment dropped on output would make the sender's transmit
/// fail (-EPERM), and reqsk_timer_handler drops a request whose SYN-ACK resend fails, which no network does.</remarks>
internal static class Filters
{
    /// <summary>Pure ACKs to <paramref name="port"/> (ACK without SYN, FIN, RST or PSH: the third ACK, and the
    /// client's answers to each resent SYN-ACK); data carries PSH and passes.</summary>
    public static string DropPureAcksTo(int port) => Table("input",
        $"tcp dport {port} tcp flags & (fin | syn | rst | psh | ack) == ack drop");

    /// <summary>SYN-ACKs from <paramref name="port"/>: the client never learns that its SYN arrived.</summary>
    public static string DropSynAcksFrom(int port) => Table("input",
        $"tcp sport {port} tcp flags & (syn | ack) == (syn | ack) drop");

    /// <summary>Everything addressed to <paramref name="prefix"/>: a flood's SYN-ACKs reach nobody and nobody
    /// answers them (no RST, no ICMP), as with spoofed sources on the Internet.</summary>
    public static string DropAllTo(string prefix) => Table("prerouting", $"ip daddr {prefix} drop", "filter", "-300");

    private static string Table(string hook, string rule, string type = "filter", string priority = "0") => $$"""
        table ip tcpswarm {
          chain {{hook}} {
            type {{type}} hook {{hook}} priority {{priority}}; policy accept;
            {{rule}}
          }
        }

        """;
}
