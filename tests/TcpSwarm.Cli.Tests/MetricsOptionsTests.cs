using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.Cli.Tests;

/// <summary>The metrics options of `run`: each mistake is the user's, named by its option, and nothing
/// starts.</summary>
public sealed class MetricsOptionsTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    [InlineData("-5")]
    public async Task A_metrics_port_out_of_range_is_a_problem_and_nothing_runs(string port)
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--metrics-port", port);

        Assert.Equal(2, result.Code);
        Assert.Equal([$"error: --metrics-port: metrics-port: '{port}' is not allowed; use a TCP port from 1 to "
                      + "65535", "1 problem; nothing was started."], result.ErrorLines);
        Assert.Empty(result.Out);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_metrics_port_in_use_is_refused_before_the_run_starts()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--metrics-port", $"{port}");

        Assert.Equal(2, result.Code);
        Assert.Equal([$"error: --metrics-port: metrics-port: port {port} on 127.0.0.1 is in use; choose another",
            "1 problem; nothing was started."], result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--metrics-address", "localhost", "'localhost' is not allowed; use an IPv4 address: 127.0.0.1, or "
                                                  + "0.0.0.0 for every interface")]
    [InlineData("--metrics-address", "10.1", "'10.1' is not allowed; use an IPv4 address: 127.0.0.1, or 0.0.0.0 for "
                                             + "every interface")]
    [InlineData("--metrics-linger", "30", "'30' needs a unit: 30ms, 30s or 30m")]
    [InlineData("--metrics-linger", "-1s", "'-1s' is not allowed; use 0 to 24h")]
    [InlineData("--otlp-endpoint", "collector:4317", "'collector:4317' is not allowed; use an http:// or https:// URL "
                                                     + "such as http://localhost:4317")]
    public async Task A_malformed_metrics_option_is_located_at_the_option(string option, string value, string message)
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--metrics-port", "9464", option, value);

        Assert.Equal(2, result.Code);
        Assert.Equal([$"error: {option}: {option[2..]}: {message}", "1 problem; nothing was started."],
            result.ErrorLines);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task An_address_not_of_this_machine_is_refused_naming_the_address_option()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--metrics-port", "9464", "--metrics-address",
            "203.0.113.7");

        Assert.Equal(2, result.Code);
        Assert.Equal("error: --metrics-address: metrics-address: 203.0.113.7 is not an address of this machine; "
                     + "use 127.0.0.1, 0.0.0.0 or one of its own", result.ErrorLines[0]);
    }

    [Theory]
    [InlineData("--metrics-address", "0.0.0.0")]
    [InlineData("--metrics-linger", "10s")]
    public async Task An_endpoint_option_without_a_port_serves_nothing_and_says_so(string option, string value)
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, option, value);

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: {option}: {option[2..]}: serves nothing without --metrics-port; add --metrics-port P",
            result.ErrorLines[0]);
    }

    [Fact]
    public async Task Metrics_mistakes_are_listed_with_the_scenarios_own()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--seed", "x", "--metrics-port", "0");

        Assert.Equal(2, result.Code);
        Assert.Equal(3, result.ErrorLines.Length);
        Assert.Equal("2 problems; nothing was started.", result.ErrorLines[^1]);
    }
}
