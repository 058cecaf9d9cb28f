using TcpSwarm.Drill.Run;

namespace TcpSwarm.Drill.Tests;

public sealed class RunnerTests
{
    [Fact]
    public void A_script_that_matches_the_model_passes_and_its_ladder_shows_both_directions()
    {
        var verdict = Drill.Play(Drill.Established +
            """
             +.01 write(4, ..., 100) = 100
               +0 > P. 1:101(100) ack 1
            """);
        Assert.Equal(DrillOutcome.Pass, verdict.Outcome);
        Assert.Contains(verdict.Ladder,
            l => l.EndsWith("< S 0:0(0) win 65535 <mss 1460,nop,wscale 7>", StringComparison.Ordinal));
        Assert.Contains(verdict.Ladder, l => l.Contains("> P. 1:101(100) ack 1", StringComparison.Ordinal));
    }

    [Fact]
    public void One_wrong_expectation_fails_at_its_line_with_the_segment_the_model_sent()
    {
        var verdict = Drill.Play(Drill.Established +
            """
             +.01 write(4, ..., 100) = 100
               +0 > P. 1:101(100) ack 2
            """);
        Assert.Equal(DrillOutcome.Fail, verdict.Outcome);
        Assert.Equal(10, verdict.Line);
        Assert.Equal("expected ack 2 (P. 1:101(100) ack 2) at 0.020000, got P. 1:101(100) ack 1 win 502 at 0.020000",
            verdict.Message);
    }

    [Fact]
    public void Pieces_sent_at_once_are_seen_as_the_super_segment_expected_but_never_merged_past_a_psh()
    {
        // Three MSS-sized pieces of one write (1460, 1460, 80), sent at the same instant, are the 3000-byte TSO packet
        // packetdrill sees; a 2920-byte expectation merges the first two, and a packet of more than one MSS carries
        // PSH whatever its pieces did (__tcp_transmit_skb forces it when tcp_skb_pcount > 1), so `.` fails.
        var whole = Drill.Play(Drill.Established + "+.01 write(4, ..., 3000) = 3000\n+0 > P. 1:3001(3000) ack 1\n");
        Assert.Equal(DrillOutcome.Pass, whole.Outcome);
        var cut = Drill.Play(Drill.Established + "+.01 write(4, ..., 3000) = 3000\n+0 > . 1:2921(2920) ack 1\n");
        Assert.Equal(DrillOutcome.Fail, cut.Outcome);
        Assert.Contains("got P. 1:2921(2920) ack 1", cut.Message, StringComparison.Ordinal);
        var past = Drill.Play(Drill.Established
                              + "+.01 write(4, ..., 100) = 100\n+0 write(4, ..., 100) = 100\n"
                              + "+0 > P. 1:201(200) ack 1\n");
        Assert.Equal(DrillOutcome.Fail, past.Outcome);                  // two writes: PSH ends the first
        Assert.Contains("got P. 1:101(100) ack 1", past.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_tcp_ts_tick_usecs_a_wrong_ts_val_fails_and_the_right_one_passes()
    {
        const string script =
            """
            --tcp_ts_tick_usecs=1000
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
               +0 bind(3, ..., ...) = 0
               +0 listen(3, 1) = 0
               +0 < S 0:0(0) win 20000 <mss 1000,sackOK,TS val 100 ecr 0>
               +0 > S. 0:0(0) ack 1 <mss 1460,sackOK,TS val 100 ecr 100>
              +.1 < . 1:1(0) ack 1 win 20000 <nop,nop,TS val 200 ecr 100>
               +0 accept(3, ..., ...) = 4
               +1 close(4) = 0

            """;
        Assert.Equal(DrillOutcome.Pass,
            Drill.Play(script + "+0 > F. 1:1(0) ack 1 <nop,nop,TS val 1200 ecr 200>\n").Outcome);
        var wrong = Drill.Play(script + "+0 > F. 1:1(0) ack 1 <nop,nop,TS val 1100 ecr 200>\n");
        Assert.Equal(DrillOutcome.Fail, wrong.Outcome);
        Assert.StartsWith("expected TS val 1100", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_sent_outside_the_tolerance_fails_with_the_time_it_was_sent()
    {
        var verdict = Drill.Play(Drill.Established +
            """
             +.01 close(4) = 0
               +0 > F. 1:1(0) ack 1
             +.22 > F. 1:1(0) ack 1
            """);
        Assert.Equal(DrillOutcome.Fail, verdict.Outcome);
        Assert.Equal(11, verdict.Line);
        Assert.Equal("expected F. 1:1(0) ack 1 at 0.240000 (±4000 µs), got it at 0.230000", verdict.Message);
    }

    [Fact]
    public void A_segment_expected_that_never_comes_says_what_the_model_sent_next()
    {
        var verdict = Drill.Play(Drill.Established +
            """
             +.01 write(4, ..., 100) = 100
               +0 > P. 1:101(100) ack 1
              +.1 > P. 1:101(100) ack 1
            """);
        Assert.Equal(DrillOutcome.Fail, verdict.Outcome);                 // the RTO is 210 ms after a 10 ms RTT
        Assert.Equal("expected P. 1:101(100) ack 1 at 0.120000, got nothing until 0.124000; the model's next segment "
                     + "was P. 1:101(100) ack 1 win 502 at 0.230000", verdict.Message);
    }

    [Fact]
    public void A_wrong_return_value_and_a_failed_assertion_fail_at_their_lines()
    {
        var read = Drill.Play(Drill.Established + "+0 read(4, ..., 10) = 10\n");
        Assert.Equal((DrillOutcome.Fail, 9), (read.Outcome, read.Line));
        Assert.Equal("expected read(4, ..., 10) = 10 by 0.014000, got a call still blocked at 0.014000", read.Message);

        var info = Drill.Play(Drill.Established + "+0 %{ assert tcpi_state == TCP_CLOSE_WAIT }%\n");
        Assert.Equal((DrillOutcome.Fail, 9), (info.Outcome, info.Line));
        Assert.Equal("expected tcpi_state == TCP_CLOSE_WAIT to hold, got tcpi_state=1 at 0.010000", info.Message);
    }

    [Fact]
    public void A_blocking_call_that_returns_late_fails_with_when_it_returned()
    {
        var verdict = Drill.Play(Drill.Established +
            """
               +0...0.020 read(4, ..., 100) = 100
              +.05 < P. 1:101(100) ack 1 win 512
            """);
        Assert.Equal(DrillOutcome.Fail, verdict.Outcome);
        Assert.Equal(9, verdict.Line);
        Assert.Equal("expected read(4, ..., 100) = 100 between 0.026000 and 0.034000, got 100 at 0.060000",
            verdict.Message);
    }

    [Theory]
    [InlineData("+0 < . 1:1(0) ack 1 win 257 <sack 1001:2001,nop,nop>", "SACK blocks")]
    [InlineData("+0 < [ect0] . 1:1(0) ack 1 win 257", "ECN codepoints on the IP header")]
    [InlineData("+0 setsockopt(4, SOL_TCP, TCP_FASTOPEN, [1], 4) = 0", "setsockopt TCP_FASTOPEN")]
    [InlineData("+0 socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 5", "MPTCP")]
    [InlineData("+0 send(4, ..., 100, MSG_ZEROCOPY) = 100", "zero-copy (MSG_ZEROCOPY)")]
    [InlineData("+0 socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 5", "IPv6 sockets")]
    [InlineData("+0 `ethtool -K tun0 tso off`",
        "the command `ethtool -K tun0 tso off` (only sysctl settings and defaults.sh)")]
    [InlineData("+0 %{ print(tcpi_rtt) }%", "in %{ }%: the statement 'print(tcpi_rtt)' (only assert)")]
    [InlineData("+0 %{ assert tcpi_sndbuf_limited == 0 }%", "in %{ }%: the name tcpi_sndbuf_limited")]
    [InlineData("+0 poll([{fd=4, events=POLLIN}], 1, 0) = 0", "the system call poll()")]
    public void A_construct_outside_the_model_is_unsupported_at_its_line_never_a_pass(string line, string what)
    {
        var verdict = Drill.Play(Drill.Established + line + "\n");
        Assert.Equal(DrillOutcome.Unsupported, verdict.Outcome);
        Assert.Equal(9, verdict.Line);
        Assert.Equal(what, verdict.Message);
    }

    [Fact]
    public void An_ipv6_run_is_unsupported()
    {
        var verdict = Drill.Play("--ip_version=ipv6\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        Assert.Equal(DrillOutcome.Unsupported, verdict.Outcome);
    }

    [Fact]
    public void A_sysctl_the_model_has_changes_the_run_and_one_it_lacks_is_unsupported()
    {
        var cookies = Drill.Play(
            """
            `sysctl -q net.ipv4.tcp_syncookies=2`
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 16) = 0
            +0 < S 0:0(0) win 65535 <mss 1460,nop,wscale 7>
            +0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 7>
            """);
        Assert.Equal(DrillOutcome.Fail, cookies.Outcome);       // a cookie without timestamps keeps only the MSS
        Assert.Contains("got S. 0:0(0) ack 1 win 64240 <mss 1460>", cookies.Message, StringComparison.Ordinal);

        var missing = Drill.Play("`sysctl -q net.ipv4.tcp_mtu_probing=1`\n");
        Assert.Equal(DrillOutcome.Unsupported, missing.Outcome);
        Assert.Equal("sysctl net.ipv4.tcp_mtu_probing=1 (the model has no such setting)", missing.Message);
    }

    [Fact]
    public void The_profile_decides_what_the_model_does()
    {
        const string script =
            """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
            +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
            0 > S 0:0(0) <...>
            1 > S 0:0(0) <...>
            2 > S 0:0(0) <...>
            """;
        Assert.Equal(DrillOutcome.Pass, Drill.Play(script).Outcome);
        var old = Drill.Play(script, "linux-6.1");               // no linear timeouts: the second resend is at 3 s
        Assert.Equal((DrillOutcome.Fail, 6), (old.Outcome, old.Line));
        Assert.StartsWith("expected S 0:0(0) <...> at 2.000000, got nothing until 2.004000; the model's next "
                          + "segment was "
                          + "S 0:0(0) win 64240 <mss 1460,sackOK,TS val", old.Message, StringComparison.Ordinal);
        Assert.EndsWith(" at 3.000000", old.Message, StringComparison.Ordinal);
    }
}
