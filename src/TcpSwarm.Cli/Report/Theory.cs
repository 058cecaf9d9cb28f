namespace TcpSwarm.Cli.Report;

/// <summary>The predictions the report sets beside a run: Little's law for TIME_WAIT, Erlang's loss formula for the
/// SYN queue, and the profile's SYN-ACK schedule.</summary>
internal static class Theory
{
    /// <summary>The three terms of docs/outputs.md's TIME_WAIT bound and the one that binds (the smallest).</summary>
    public sealed record TimeWaitBound(double Little, double? Ports, double Buckets)
    {
        public double Value => Math.Min(Little, Math.Min(Ports ?? double.PositiveInfinity, Buckets));

        public string Binding => Value == Little ? "close rate × TIME_WAIT length"
            : Ports is { } p && Value == p ? "ports per destination" : "tcp_max_tw_buckets";
    }

    /// <summary>min(rate × length, ports per destination × addresses, tcp_max_tw_buckets × addresses); the port term
    /// is left out (null) when connect() may reuse a TIME_WAIT port or the closer is the server.</summary>
    public static TimeWaitBound TimeWait(double closeRate, double timeWaitSeconds, long? portsPerDestination,
        long addresses, long twBuckets) =>
        new(closeRate * timeWaitSeconds, portsPerDestination * addresses, (double)twBuckets * addresses);

    /// <summary>tcp_tw_reuse_delay's default: a TIME_WAIT port is reusable 1 s after its last timestamp (linux-6.1
    /// fixes the same second).</summary>
    public const double TwReuseDelaySeconds = 1;

    /// <summary>The ports connect() keeps in TIME_WAIT under tcp_tw_reuse 1: __inet_hash_connect scans one parity
    /// first, so while closeRate × tcp_tw_reuse_delay fits in half the range the other half is never used.</summary>
    public static long PortsUnderReuse(long ports, double closeRate) =>
        closeRate * TwReuseDelaySeconds < ports / 2 ? ports / 2 : ports;

    /// <summary>Erlang's loss formula B(E, m) by its stable recurrence
    /// B(E, k) = E·B(E, k−1) / (k + E·B(E, k−1)).</summary>
    public static double ErlangB(double offered, int places)
    {
        double b = 1;
        for (int k = 1; k <= places; k++) b = offered * b / (k + offered * b);
        return b;
    }

    /// <summary>reqsk_timeout: TCP_TIMEOUT_INIT &lt;&lt; k, capped at tcp_rto_max (as SynQueue.Timeout).</summary>
    public static double SynAckTimeout(double timeoutInit, double rtoMax, int k) =>
        Math.Min(timeoutInit * Math.Pow(2, k), rtoMax);

    /// <summary>The SYN-ACK retransmissions' offsets after the first (1, 3, 7, 15, 31 s for linux), then the
    /// drop.</summary>
    public static (double[] Offsets, double Drop) SynAckSchedule(double timeoutInit, double rtoMax, int retries)
    {
        var offsets = new double[retries];
        double at = 0;
        for (int k = 0; k < retries; k++) offsets[k] = at += SynAckTimeout(timeoutInit, rtoMax, k);
        return (offsets, at + SynAckTimeout(timeoutInit, rtoMax, retries));
    }

    /// <summary>The SYN queue's places without syncookies: the queue's limit, or the quarter rule's
    /// tcp_max_syn_backlog − tcp_max_syn_backlog/4 + 1 (97 for 128) when that is fewer.</summary>
    public static long SynQueuePlaces(long synQueueLimit, int maxSynBacklog) =>
        Math.Min(synQueueLimit, maxSynBacklog - (maxSynBacklog >> 2) + 1L);
}
