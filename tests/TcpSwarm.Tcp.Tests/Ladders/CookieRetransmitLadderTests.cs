namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>The held-out kernel count of issue 17: clients whose one-byte write meets a full accept queue behind
/// syncookies. Each sending of the data segment carries the cookie's ACK, so the listener checks (and counts) the
/// cookie again every time, and drops the child for the full queue; the count is the loss probe's schedule.</summary>
public sealed class CookieRetransmitLadderTests
{
    [Fact]
    public void Twelve_one_byte_writes_against_a_full_accept_queue_are_received_as_cookies_84_times_in_8_s()
    {
        var profile = TcpProfile.Named("linux-6.18") with { TcpSyncookies = 2 };
        var wire = new Wire(profile, oneWayMs: 10, backlog: 0) { ServerAccepts = false };
        // Thirteen connects within 12 ms: every SYN finds the accept queue empty and is answered with a cookie
        // (a SYN meeting a full accept queue would be dropped, tcp_conn_request); the first third ACK takes the
        // queue's one place (backlog 0), the twelve others are cookies checked and children refused.
        for (int i = 0; i < 13; i++) wire.Connect(Instant.FromMilliseconds(i));
        wire.RunUntilMs(900);
        Assert.All(wire.Connections.Skip(1), c => Assert.True(c.Connected));   // the client side completed
        long before = wire.Listener.Counters[TcpExt.SyncookiesRecv];              // the thirteen third ACKs

        for (int i = 1; i <= 12; i++) wire.Call(Instant.FromMilliseconds(1_000), i, UserCall.ClientSend, 1);
        wire.RunUntilMs(9_000);

        // 7 sendings each in 8 s (the write, the loss probe, then the RTO doubling: LossProbeLadderTests), each a
        // cookie checked and a child refused: the kernel's 84 = 12 × 7.
        Assert.Equal(13, before);
        Assert.Equal(84, wire.Listener.Counters[TcpExt.SyncookiesRecv] - before);
        Assert.Equal(12 + 84, wire.Listener.Counters[TcpExt.ListenOverflows]);
    }
}
