using TcpSwarm.Drill.Run;
using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Tests;

/// <summary>Parses and plays a script given as text, on linux-6.18 unless told.</summary>
internal static class Drill
{
    public static Script Parse(string text)
    {
        var result = ScriptParser.Parse("t.pkt", text);
        Assert.True(result.Script is not null, string.Join("\n", result.Problems));
        return result.Script;
    }

    public static DrillVerdict Play(string text, string profile = "linux-6.18") =>
        DrillRunner.Run(Parse(text), new DrillOptions(TcpProfile.Named(profile)));

    /// <summary>A listener on 8080 and one completed passive connection, accepted as fd 4 (lines 1-8).</summary>
    public const string Established =
        """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
           +0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
           +0 bind(3, ..., ...) = 0
           +0 listen(3, 16) = 0
           +0 < S 0:0(0) win 65535 <mss 1460,nop,wscale 7>
           +0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 7>
         +.01 < . 1:1(0) ack 1 win 512
           +0 accept(3, ..., ...) = 4

        """;
}
