namespace TcpSwarm.Drill.Tests;

/// <summary>tests/drill through the real `tcpswarm drill` process: every script passes except those
/// EXPECTED-FAIL.txt lists (behaviour the model lacks yet), and each of those fails with a mismatch.</summary>
public sealed class SuiteTests
{
    [Fact]
    public async Task Every_script_passes_but_the_expected_failures_which_fail_with_a_mismatch()
    {
        var scripts = Directory.GetFiles(Repo.DrillDir, "*.pkt").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.True(scripts.Count >= 40, $"{scripts.Count} scripts in tests/drill; the suite asks for at least 40");
        var expectedFail = File.ReadAllLines(Path.Combine(Repo.DrillDir, "EXPECTED-FAIL.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(expectedFail, name => Assert.Contains(name, scripts));

        var (code, output, error) = await RealProcess.Run("drill", Repo.DrillDir);

        Assert.True(error.Length == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var verdicts = lines
            .Where(l => l.StartsWith("pass ", StringComparison.Ordinal)
                        || l.StartsWith("fail ", StringComparison.Ordinal)
                        || l.StartsWith("unsupported ", StringComparison.Ordinal))
            .ToDictionary(l => Path.GetFileName(l.Split(' ', 2)[1].Split(':')[0]), l => l, StringComparer.Ordinal);
        Assert.Equal(scripts, verdicts.Keys.Order());
        foreach (var script in scripts)
        {
            var verdict = verdicts[script];
            if (expectedFail.Contains(script))
                Assert.True(verdict.StartsWith("fail ", StringComparison.Ordinal)
                            && verdict.Contains(": expected ", StringComparison.Ordinal),
                    $"{script} is listed in EXPECTED-FAIL.txt but did not fail with a mismatch: {verdict}");
            else
                Assert.True(verdict.StartsWith("pass ", StringComparison.Ordinal), verdict);
        }
        Assert.Equal($"{scripts.Count} scripts: {scripts.Count - expectedFail.Count} passed, "
                     + $"{expectedFail.Count} failed, "
                     + "0 unsupported (linux-6.18)", lines[^1]);
        Assert.Equal(expectedFail.Count == 0 ? 0 : 4, code);
    }

    [Fact]
    public async Task A_passing_script_exits_0_and_the_ladder_shows_its_segments()
    {
        var (code, output, _) = await RealProcess.Run("drill", "--ladder",
            Path.Combine(Repo.DrillDir, "close-simultaneous.pkt"));
        Assert.Equal(0, code);
        Assert.StartsWith("pass ", output, StringComparison.Ordinal);
        Assert.Contains("> F. 1:1(0) ack 1", output, StringComparison.Ordinal);
        Assert.Contains("< F. 1:1(0) ack 1 win 512", output, StringComparison.Ordinal);
        Assert.EndsWith("1 script: 1 passed, 0 failed, 0 unsupported (linux-6.18)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_scripts_exit_2_with_every_problem_located_and_nothing_run()
    {
        var dir = Directory.CreateTempSubdirectory("drill-bad-");
        try
        {
            var one = Path.Combine(dir.FullName, "one.pkt");
            var two = Path.Combine(dir.FullName, "two.pkt");
            await File.WriteAllTextAsync(one, "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0 win 1\n",
                TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(two, "0 listen(3, 1)\n+0 > X 0:0(0)\n", TestContext.Current.CancellationToken);
            var (code, output, error) = await RealProcess.Run("drill", dir.FullName);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal(
            [
                $"{one}:2:11: expected '(' and the payload length after START:END",
                $"{two}:1:15: expected '= RESULT' after listen(...)",
                $"{two}:2:6: 'X' is not a TCP flag; use S, F, R, P, . (ACK), E, W, U, or - for none",
                "3 problems; nothing was run.",
            ], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_script_or_an_unknown_profile_is_refused_with_exit_2()
    {
        var missing = await RealProcess.Run("drill", "/nonexistent/x.pkt");
        Assert.Equal((2, "/nonexistent/x.pkt: no such file or folder\n"), (missing.Code, missing.Error));
        var profile = await RealProcess.Run("drill", "--profile", "bsd",
            Path.Combine(Repo.DrillDir, "close-simultaneous.pkt"));
        Assert.Equal(2, profile.Code);
        Assert.StartsWith("--profile: unknown profile 'bsd'", profile.Error, StringComparison.Ordinal);
    }
}
