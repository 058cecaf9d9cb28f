namespace TcpSwarm.Cli.Tests;

public sealed class ValidateTests
{
    [Theory]
    [MemberData(nameof(Repo.LoadFiles), MemberType = typeof(Repo))]
    public async Task Every_shipped_scenario_is_valid_and_described(string file)
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load(file));

        Assert.Equal(0, result.Code);
        Assert.Equal($"{Repo.Load(file)} is valid; nothing was started.", result.OutLines[0]);
        foreach (var label in (string[])["scenario", "seed", "duration", "profile", "servers", "clients", "attackers",
                     "lookahead", "memory"])
            Assert.Contains(result.OutLines, line => line.StartsWith("  " + label + " ", StringComparison.Ordinal));
        Assert.DoesNotContain("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_of_syn_flood_says_what_it_will_run()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"));

        Assert.Contains("  seed        42", result.OutLines);
        Assert.Contains("  duration    60s of virtual time", result.OutLines);
        Assert.Contains("  servers     web 10.0.1.10:443, backlog 1024, accept 4000/s", result.OutLines);
        Assert.Contains("  clients     browsers 10.0.0.0/24 (256 hosts) -> web, poisson 300/s", result.OutLines);
        Assert.Contains("  lookahead   5ms (the smallest latency floor of any path)", result.OutLines);
    }

    [Fact]
    public async Task Validate_checks_a_variant_given_by_options()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--seed", "7", "--set",
            "net.ipv4.tcp_syncookies=0");

        Assert.Equal(0, result.Code);
        Assert.Contains("  seed        7", result.OutLines);
        Assert.Contains("net.ipv4.tcp_syncookies=0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_several_mistakes_gets_all_of_them_at_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tcpswarm-many-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, """
            seed: 1
            duration: 0s
            servers:
              - name: web
                address: 10.0.1.300
                port: 70000
                backlg: 10
            clients:
              - { name: browsers, addresses: 10.0.0.0/24, target: api, arrivals: { poisson: 100/s } }
            paths:
              - { from: browsers, to: web, latency: { fixed: 0ms }, loss: 101% }
            """);
        try
        {
            var result = await Tcpswarm.RunRefusing("validate", path);

            Assert.Equal(2, result.Code);
            var errors = result.ErrorLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count >= 6, string.Join("\n", errors));
            Assert.All(errors, e => Assert.StartsWith($"error: {path}:", e, StringComparison.Ordinal));
            Assert.Equal($"{errors.Count} problems; nothing was started.", result.ErrorLines[^1]);
            result.AssertNoStackTrace();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_is_one_located_line_and_exit_2()
    {
        var result = await Tcpswarm.RunRefusing("validate", "/nonexistent/scenario.yaml");

        Assert.Equal(2, result.Code);
        Assert.Equal(["error: /nonexistent/scenario.yaml: file: no such file", "1 problem; nothing was started."],
            result.ErrorLines);
        Assert.Empty(result.Out);
    }
}
