namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>Ephemeral ports per (source, destination, destination port), exhaustion, and tcp_tw_reuse.</summary>
public sealed class PortTests
{
    private static TcpProfile WithPorts(string range, TcpProfile? profile = null)
    {
        Assert.True(
            Sysctls.TrySet(profile ?? TcpProfile.Default, "net.ipv4.ip_local_port_range", range, out var p, out var e),
            e);
        return p;
    }

    [Fact]
    public void A_range_of_ten_ports_gives_exactly_ten_connects_then_eaddrnotavail()
    {
        var wire = new Wire(WithPorts("40000 40009"));
        for (int i = 0; i < 11; i++) wire.Connect(Instant.FromMilliseconds(i));
        wire.RunUntilMs(1_000);

        var ports = wire.Connections.Take(10).Select(c => (int)c.Tuple.LocalPort).Order();
        Assert.Equal(Enumerable.Range(40000, 10), ports);
        Assert.All(wire.Connections.Take(10), c => Assert.True(c.Connected));
        Assert.Equal(TcpError.AddrNotAvail, wire.Connections[10].Error);
        Assert.Equal(10, wire.Client.PortsInUse(Wire.ServerAddr, Wire.ServerPort));
    }

    [Fact]
    public void Connect_scans_the_even_ports_first_then_the_odd_ones_as_linux_does()
    {
        var wire = new Wire(WithPorts("40000 40009"));
        for (int i = 0; i < 10; i++) wire.Connect(Instant.FromMilliseconds(i));
        wire.RunUntilMs(1_000);
        var order = wire.Connections.Select(c => c.Tuple.LocalPort % 2).ToArray();
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], order);
    }

    [Fact]
    public void An_odd_sized_range_hands_out_one_port_fewer_than_it_holds_because_linux_rounds_its_size_down_to_even()
    {
        var wire = new Wire(WithPorts("40000 40010"));
        for (int i = 0; i < 11; i++) wire.Connect(Instant.FromMilliseconds(i));
        wire.RunUntilMs(1_000);
        Assert.Equal(10, wire.Connections.Take(10).Select(c => c.Tuple.LocalPort).Distinct().Count());
        Assert.All(wire.Connections.Take(10), c => Assert.InRange(c.Tuple.LocalPort, (ushort)40000, (ushort)40010));
        Assert.Equal(TcpError.AddrNotAvail, wire.Connections[10].Error);
    }

    [Fact]
    public void Ports_are_per_destination_so_the_same_port_serves_another_destination_port()
    {
        var wire = new Wire(WithPorts("40000 40001"));
        wire.Server.Listen(81, 128);
        wire.Connect(Instant.Zero);
        wire.Connect(Instant.Zero);
        wire.Connect(Instant.Zero);
        wire.Connect(Instant.Zero, remotePort: 81);
        wire.RunUntilMs(1_000);
        Assert.Equal(TcpError.AddrNotAvail, wire.Connections[2].Error);
        Assert.True(wire.Connections[3].Connected);
    }

    // Two ports, both left in TIME_WAIT on the client (it closes first); a third connect comes `laterMs` after.
    private static Wire BothPortsInTimeWait(TcpProfile profile, uint clientAddr = 0, uint serverAddr = 0)
    {
        var wire = new Wire(WithPorts("40000 40001", profile), clientAddr: clientAddr, serverAddr: serverAddr);
        for (int i = 0; i < 2; i++)
        {
            wire.Connect(Instant.Zero);
            wire.Call(Instant.FromMilliseconds(100), i, UserCall.ClientClose);
            wire.Call(Instant.FromMilliseconds(120), i, UserCall.ServerClose);
        }
        wire.RunUntilMs(1_000);
        Assert.Equal(2, wire.Client.TimeWait.Count);                   // entered at 130 ms (FIN+ACK coalesced)
        return wire;
    }

    public static TheoryData<int, string, string, long, bool> TwReuseCases => new()
    {
        // tcp_tw_reuse, client, server, third connect at (ms), takes over the TIME_WAIT 4-tuple
        { 0, "10.0.0.1", "10.0.1.10", 5_000, false },
        { 1, "10.0.0.1", "10.0.1.10", 5_000, true },
        { 1, "10.0.0.1", "10.0.1.10", 1_130, false },     // TIME_WAIT entered at 130 ms: exactly 1000 ms is not after
        { 1, "10.0.0.1", "10.0.1.10", 1_131, true },
        { 2, "10.0.0.1", "10.0.1.10", 5_000, false },     // the default: loopback only
        { 2, "127.0.0.1", "127.0.0.2", 5_000, true },
    };

    [Theory]
    [MemberData(nameof(TwReuseCases))]
    public void Tcp_tw_reuse_lets_connect_take_a_time_wait_4_tuple_only_as_linux_allows(
        int reuse, string client, string server, long atMs, bool reused)
    {
        var wire = BothPortsInTimeWait(TcpProfile.Default with { TcpTwReuse = reuse }, Ipv4.Parse(client),
            Ipv4.Parse(server));
        var records = wire.Connections.ToDictionary(x => x.Tuple,
            x => wire.Client.TimeWait.TryGet(x.Tuple, out var tw) ? tw : throw new InvalidOperationException("no TW"));
        int third = wire.Connect(Instant.FromMilliseconds(atMs));
        wire.RunUntilMs(atMs + 1_000);
        var c = wire.Connections[third];
        if (!reused)
        {
            Assert.Equal(TcpError.AddrNotAvail, c.Error);
            return;
        }
        Assert.True(c.Connected);
        Assert.True(c.Open.Reused);
        Assert.Equal(Isn.AfterTimeWait(records[c.Tuple].SndNxt), c.Open.Iss);       // old SND.NXT + 65537
        Assert.Equal(1, wire.Client.Counters[TcpExt.TWRecycled]);
    }

    [Fact]
    public void Without_timestamps_no_time_wait_4_tuple_is_ever_reused()
    {
        var wire = BothPortsInTimeWait(TcpProfile.Default with { TcpTwReuse = 1, TcpTimestamps = 0 });
        int third = wire.Connect(Instant.FromMilliseconds(5_000));
        wire.RunUntilMs(6_000);
        Assert.Equal(TcpError.AddrNotAvail, wire.Connections[third].Error);
    }

    [Fact]
    public void Once_time_wait_expires_the_ports_are_free_again()
    {
        var wire = BothPortsInTimeWait(TcpProfile.Default with { TcpTwReuse = 0 });
        int third = wire.Connect(Instant.FromMilliseconds(60_131));       // 60 s after TIME_WAIT began at 130 ms
        wire.RunUntilMs(61_000);
        Assert.True(wire.Connections[third].Connected);
        Assert.False(wire.Connections[third].Open.Reused);
    }
}
