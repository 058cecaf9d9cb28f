namespace TcpSwarm.Simulation.Results;

/// <summary>The snake_case names of <see cref="RunEventKind"/> in summary.json, and Linux's own words for them.
/// </summary>
public static class RunEventNames
{
    private static readonly string[] Names =
        ["syn_queue_overflow", "syncookies_sent", "accept_queue_overflow", "port_exhausted", "tw_bucket_overflow"];

    public static string Of(RunEventKind kind) => Names[(int)kind];

    /// <summary>What Linux logs or returns at the first such event, if anything: tcp_syn_flood_action's line (once
    /// per listener when cookies take over; not under tcp_syncookies 2, and with cookies off only a queue full to its
    /// limit prints it, which the last quarter kept for proven peers mostly prevents, so none is claimed), connect()'s
    /// errno text, the TIME_WAIT overflow line.</summary>
    /// <param name="kind">The event.</param>
    /// <param name="address">The listener's address, for the SYN flood line.</param>
    /// <param name="port">The listener's port.</param>
    /// <param name="syncookies">net.ipv4.tcp_syncookies.</param>
    public static string? LinuxMessage(RunEventKind kind, string address, int port, int syncookies) => kind switch
    {
        RunEventKind.SyncookiesSent when syncookies == 1 =>
            $"TCP: request_sock_TCP: Possible SYN flooding on port {address}:{port}. Sending cookies.",
        RunEventKind.PortExhausted => "connect(): Cannot assign requested address (EADDRNOTAVAIL)",
        RunEventKind.TwBucketOverflow => "TCP: time wait bucket table overflow",
        _ => null,
    };
}
