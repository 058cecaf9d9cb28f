namespace TcpSwarm.Tcp.Tests;

public sealed class SysctlsTests
{
    [Fact]
    public void The_default_profile_has_the_linux_6_18_defaults_of_a_24_GiB_host()
    {
        var p = TcpProfile.Default;
        Assert.Equal("linux-6.18", p.Name);
        Assert.Equal(
            ["6", "4", "5", "1", "2048", "4096", "131072", "2", "1000", "32768\t60999"],
            new[]
            {
                "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_syn_linear_timeouts", "net.ipv4.tcp_synack_retries",
                "net.ipv4.tcp_syncookies", "net.ipv4.tcp_max_syn_backlog", "net.core.somaxconn",
                "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_reuse_delay",
                "net.ipv4.ip_local_port_range",
            }.Select(n => Sysctls.Get(p, n)));
        Assert.Equal(TimeSpan.FromSeconds(60), p.TimeWaitLength);
    }

    [Theory]
    [InlineData("net.ipv4.tcp_syn_retries", "-1",
        "net.ipv4.tcp_syn_retries: -1 is not allowed; use an integer from 1 to 127")]
    [InlineData("net.ipv4.tcp_syncookies", "3", "net.ipv4.tcp_syncookies: 3 is not allowed; use 0, 1, 2")]
    [InlineData("net.core.somaxconn", "3000000000",
        "net.core.somaxconn: 3000000000 is not allowed; use an integer from 0 to 2147483647")]
    [InlineData("net.ipv4.ip_local_port_range", "61000 32768",
        "net.ipv4.ip_local_port_range: '61000 32768' is not allowed; "
        + "use two ports 'LOW HIGH' with 1024 <= LOW <= HIGH <= 65535")]
    [InlineData("net.ipv4.tcp_synack_retrys", "5", "net.ipv4.tcp_synack_retrys: not a sysctl TcpSwarm models")]
    public void A_value_linux_refuses_is_refused_naming_the_setting_the_value_and_what_is_allowed(
        string name, string value, string expectedStart)
    {
        Assert.False(Sysctls.TrySet(TcpProfile.Default, name, value, out var result, out var error));
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
        Assert.Same(TcpProfile.Default, result);
    }

    [Fact]
    public void A_value_in_range_changes_only_that_setting()
    {
        Assert.True(Sysctls.TrySet(TcpProfile.Default, "net.ipv4.ip_local_port_range", "40000 40009", out var p,
            out _));
        Assert.Equal((40000, 40009, 10), (p.IpLocalPortRangeLow, p.IpLocalPortRangeHigh, p.EphemeralPortCount));
        Assert.Equal(TcpProfile.Default with { IpLocalPortRangeLow = 40000, IpLocalPortRangeHigh = 40009 }, p);
    }

    [Fact]
    public void An_older_kernel_refuses_a_sysctl_it_does_not_have()
    {
        Assert.False(Sysctls.TrySet(TcpProfile.Named("linux-6.1"), "net.ipv4.tcp_syn_linear_timeouts", "4", out _,
            out var e));
        Assert.Contains("linux-6.1 has no such sysctl", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_clamps_the_backlog_by_somaxconn_and_a_negative_one_becomes_somaxconn()
    {
        var p = TcpProfile.Default with { Somaxconn = 128 };
        Assert.Equal((128, 100, 128), (p.ClampBacklog(1024), p.ClampBacklog(100), p.ClampBacklog(-1)));
    }
}
