using System.Net;
using TcpSwarm.Calibration.Kernel;

namespace TcpSwarm.Calibration.Tests;

/// <summary>What calibrate reads back from the kernel's tools: nstat's counters, ss's socket table, the kernel config.
/// </summary>
public sealed class ParsingTests
{
    // nstat -asz, as iproute2 6.1 prints it (the rate column is nstat's, and ignored).
    private const string Nstat = """
        #kernel
        IpInReceives                    64                 0.0
        TcpActiveOpens                  0                  0.0
        TcpExtListenOverflows           45                 0.0
        TcpExtListenDrops               45                 0.0
        TcpExtTCPReqQFullDoCookies      0                  0.0
        TcpExtTCPTimeouts               3                  0.0

        """;

    [Fact]
    public void Nstat_output_gives_each_counter_by_its_name_tcpext_ones_by_their_tcpswarm_name()
    {
        var counters = NstatCounters.Parse(Nstat);

        Assert.Equal(6, counters.Values.Count);
        Assert.Equal(64, counters.Get("IpInReceives"));
        Assert.Equal((45, 45, 0, 3), (counters.TcpExt("ListenOverflows"), counters.TcpExt("ListenDrops"),
            counters.TcpExt("TCPReqQFullDoCookies"), counters.TcpExt("TCPTimeouts")));
    }

    [Fact]
    public void A_counter_nstat_did_not_print_is_absent_not_zero()
    {
        var e = Assert.Throws<CalibrationException>(() => NstatCounters.Parse(Nstat).TcpExt("SyncookiesSent"));
        Assert.Equal("this kernel's nstat has no counter TcpExtSyncookiesSent", e.Message);
    }

    [Fact]
    public void A_line_that_is_not_name_value_rate_is_refused_with_its_text()
    {
        var e = Assert.Throws<CalibrationException>(() => NstatCounters.Parse("TcpExtListenDrops lots 0.0\n"));
        Assert.Contains("'TcpExtListenDrops lots 0.0'", e.Message, StringComparison.Ordinal);
    }

    // ss -Htan4 in the server namespace of the SYN-burst experiment, and a client's TIME-WAIT.
    private const string Ss = """
        LISTEN    0      16         10.211.4.1:8080         0.0.0.0:*
        SYN-RECV  0      0          10.211.4.1:8080   198.51.100.64:40000
        SYN-RECV  0      0          10.211.4.1:8080   198.51.100.65:40001
        ESTAB     0      0          10.211.4.1:8080      10.211.4.2:40022
        TIME-WAIT 0      0          10.211.4.2:40010     10.211.4.1:8080

        """;

    [Fact]
    public void Ss_output_counts_request_socks_full_sockets_and_time_wait_by_state_and_local_port()
    {
        var table = SocketTable.Parse(Ss);

        Assert.Equal(5, table.Rows.Count);
        Assert.Equal((2, 1, 1, 1), (table.Count("SYN-RECV", 8080), table.Count("ESTAB", 8080),
            table.Count("LISTEN"), table.Count("TIME-WAIT")));
        Assert.Equal(0, table.Count("TIME-WAIT", 8080));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.65"), 40001), table.Rows[2].Peer);
    }

    [Fact]
    public void An_ss_line_without_addresses_is_refused_with_its_text()
    {
        var e = Assert.Throws<CalibrationException>(() => SocketTable.Parse("State Recv-Q Send-Q\n"));
        Assert.Contains("'State Recv-Q Send-Q'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CONFIG_HZ_250=y\nCONFIG_HZ=250\n", 250)]
    [InlineData("# CONFIG_HZ_PERIODIC is not set\nCONFIG_HZ=1000\nCONFIG_HZ_1000=y\n", 1000)]
    [InlineData("CONFIG_HZ_100=y\n", null)]
    public void Hz_comes_from_the_kernel_config_line(string config, int? hz) =>
        Assert.Equal(hz, KernelInfo.HzFromConfig(config));

    [Theory]
    [InlineData("6.18.44-fc-v1147", true, "linux-6.18")]
    [InlineData("6.1.0-28-amd64", false, "linux-6.1")]
    [InlineData("6.8.0-51-generic", true, "linux-6.18")]
    [InlineData("5.15.0-1", false, "linux-6.1")]
    [InlineData("7.0.1", true, "linux-6.18")]
    public void The_profile_is_linux_6_18_for_a_6_x_kernel_with_linear_syn_timeouts_else_linux_6_1(string release,
        bool linear, string profile) => Assert.Equal(profile, KernelInfo.ProfileFor(release, linear));
}
