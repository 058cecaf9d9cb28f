namespace TcpSwarm.Tcp;

/// <summary>A listener's books: every SYN it heard and every request entry it made ends in one bucket.</summary>
/// <param name="SynsIn">SYNs that reached tcp_conn_request; a resent SYN for a pending request is not one.</param>
/// <param name="RequestsIn">SYNs that became a request entry.</param>
/// <param name="Admitted">Request entries that became a child in the accept queue.</param>
/// <param name="Expired">Request entries that ran out of SYN-ACK retries.</param>
/// <param name="Reset">Request entries ended by a RST (the peer's, or ours with tcp_abort_on_overflow).</param>
/// <param name="Pending">Request entries still in the SYN queue.</param>
/// <param name="SynsDropped">SYNs dropped: SYN queue full without cookies, accept queue full, the quarter rule.</param>
/// <param name="CookiesSent">SYNs answered with a syncookie SYN-ACK: no entry, so no end is known.</param>
/// <param name="CookiesAdmitted">ACKs whose valid cookie became a child in the accept queue.</param>
public readonly record struct ListenerBooks(
    long SynsIn, long RequestsIn, long Admitted, long Expired, long Reset, long Pending,
    long SynsDropped, long CookiesSent, long CookiesAdmitted)
{
    /// <summary>In = admitted + expired + reset + pending, and every SYN was queued, dropped or cookied.</summary>
    public bool Balanced =>
        RequestsIn == Admitted + Expired + Reset + Pending && SynsIn == RequestsIn + SynsDropped + CookiesSent;
}
