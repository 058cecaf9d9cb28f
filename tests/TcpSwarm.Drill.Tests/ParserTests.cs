using TcpSwarm.Drill.Syntax;

namespace TcpSwarm.Drill.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Times_are_absolute_relative_ranges_or_any_and_a_blocking_call_has_an_end()
    {
        var script = Drill.Parse(
            """
            0.100 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
             +.04 bind(3, ..., ...) = 0
            0.1~0.2 listen(3, 1) = 0
            * accept(3, ..., ...) = 4
            +0...0.200 accept(3, ..., ...) = 5
            """);
        var times = script.Events.Select(e => e.Time).ToList();
        Assert.Equal(new ScriptTime(TimeKind.Absolute, 100_000), times[0]);
        Assert.Equal(new ScriptTime(TimeKind.Relative, 40_000), times[1]);
        Assert.Equal(new ScriptTime(TimeKind.Absolute, 100_000, 200_000), times[2]);
        Assert.Equal(TimeKind.Any, times[3].Kind);
        Assert.Equal(new ScriptTime(TimeKind.Absolute, 200_000), script.Events[4].End);
    }

    [Fact]
    public void A_packet_line_keeps_every_field_and_its_options_in_order()
    {
        var script = Drill.Parse("+0 > S. 0:0(0) ack 1 win 65160 <mss 1460,sackOK,TS val 100 ecr 7,nop,wscale 8>");
        var p = Assert.IsType<PacketLine>(script.Events[0]);
        Assert.False(p.Inbound);
        Assert.Equal("S.", p.Flags);
        Assert.Equal((0L, 0L, 0), (p.StartSeq, p.EndSeq, p.Length));
        Assert.Equal(1, p.Ack);
        Assert.Equal(65160, p.Window);
        Assert.Equal(["mss 1460", "sackOK", "TS val 100 ecr 7", "nop", "wscale 8"],
            p.Options!.Select(o => o.ToString()));
        Assert.Null(p.Unsupported);
    }

    [Fact]
    public void A_system_call_keeps_its_arguments_result_and_errno()
    {
        var script = Drill.Parse(
            """
            0 setsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0
            +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
            +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
            """);
        var linger = Assert.IsType<SyscallLine>(script.Events[0]);
        Assert.Equal("{l_onoff=1, l_linger=0}", linger.Args[3].ToString());
        var fcntl = Assert.IsType<SyscallLine>(script.Events[1]);
        Assert.Equal("O_RDWR|O_NONBLOCK", fcntl.Args[2].ToString());
        var connect = Assert.IsType<SyscallLine>(script.Events[2]);
        Assert.Equal((-1L, "EINPROGRESS"), (connect.Result.Number, connect.Errno));
        Assert.Equal(ValueKind.Ellipsis, connect.Args[1].Kind);
    }

    [Fact]
    public void Commands_code_blocks_comments_and_options_are_read()
    {
        var script = Drill.Parse(
            """
            --tolerance_usecs=10000
            // a comment
            `./defaults.sh
            sysctl -q net.ipv4.tcp_syncookies=2`
            /* a block
               comment */
            +0 %{
            assert tcpi_state == TCP_ESTABLISHED, tcpi_state
            }%
            """);
        Assert.Equal("10000", script.Options["tolerance_usecs"]);
        var command = Assert.IsType<CommandLine>(script.Events[0]);
        Assert.Contains("sysctl -q net.ipv4.tcp_syncookies=2", command.Command, StringComparison.Ordinal);
        Assert.Equal(3, command.Line);
        var code = Assert.IsType<CodeBlock>(script.Events[1]);
        Assert.Equal(7, code.Line);
        Assert.Contains("tcpi_state == TCP_ESTABLISHED", code.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructs_outside_the_model_parse_but_are_marked_unsupported()
    {
        var script = Drill.Parse(
            """
            0 < . 1:1(0) ack 1 win 257 <sack 1001:2001,nop,nop>
            +0 < [ect0] S 0:0(0) win 65535 <mss 1460>
            +0 < SEW 0:0(0) win 65535 <mss 1460>
            +0 < S 0:0(0) win 65535 <mss 1460,FO abcd1234,nop,nop>
            +0 < icmp unreachable frag_needed mtu 800
            +0 > encap psp spi 23 P. 501:1001(500) ack 501
            +0 > S. 0:0(0) ack 1 <mss MSS,nop,wscale 8>
            """);
        Assert.Equal(["SACK blocks", "ECN codepoints on the IP header", "ECN and URG flags (E, W, U)", "the FO option",
                "icmp packets", "encap packets", "the symbol MSS (a packetdrill -D definition)"],
            script.Events.Cast<PacketLine>().Select(p => p.Unsupported));
    }

    [Fact]
    public void Spaced_blocking_times_and_sendmsg_structs_parse()
    {
        var script = Drill.Parse(
            """
            +.002 ... 0.004 connect(4, ..., ...) = 0
             +.01...0.020 sendmsg(4, {msg_name(...)=...,
                                      msg_iov(1)=[{..., 1000}],
                                      msg_flags=0}, MSG_FASTOPEN) = 1000
            +0 setsockopt(4, SOL_SOCKET, SO_TIMESTAMPING,
                          [SOF_TIMESTAMPING_TX_SCHED |
                           SOF_TIMESTAMPING_OPT_ID], 4) = 0
            """);
        Assert.Equal(new ScriptTime(TimeKind.Absolute, 4000), script.Events[0].End);
        var sendmsg = Assert.IsType<SyscallLine>(script.Events[1]);
        Assert.Equal("{msg_name(...)=..., msg_iov(1)=[{..., 1000}], msg_flags=0}", sendmsg.Args[1].ToString());
        Assert.Equal(3, script.Events.Count);
    }

    [Fact]
    public void Every_problem_of_a_malformed_script_is_located_at_once()
    {
        var result = ScriptParser.Parse("bad.pkt",
            """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 < S 0:0(0 win 65535
            +x bind(3, ..., ...) = 0
            +0 > Q 0:0(0)
            +0 > S. 0:0(0) ack 1 <mss 1460,bogus 3>
            +0 listen(3, 1)
            +0 < . 1:11(5) ack 1 win 257
            +0 `sysctl -q net.ipv4.tcp_sack=0
            """);
        Assert.Null(result.Script);
        Assert.Equal(
        [
            "bad.pkt:2:13: expected ')' after the payload length",
            "bad.pkt:3:2: expected a time: seconds (0.1), relative (+0.1), a range (0.1~0.2) or *",
            "bad.pkt:4:6: 'Q' is not a TCP flag; use S, F, R, P, . (ACK), E, W, U, or - for none",
            "bad.pkt:5:32: unknown TCP option 'bogus'; expected nop, eol, mss N, wscale N, sackOK, TS val N ecr N",
            "bad.pkt:6:16: expected '= RESULT' after listen(...)",
            "bad.pkt:7:15: the range 1:11 does not hold 5 bytes",
            "bad.pkt:8:5: expected the closing ` of the command",
        ], result.Problems.Select(p => p.ToString()));
    }
}
