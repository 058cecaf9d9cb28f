namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>A real run of load/lost-third-ack.yaml: its pcaps as tshark reads them, and its ladder.</summary>
public sealed class TraceRunTests(LostThirdAckRun run) : IClassFixture<LostThirdAckRun>
{
    private static readonly string[] Fields =
        ["frame.time_epoch", "ip.src", "tcp.flags.str", "tcp.seq", "tcp.ack", "tcp.len"];

    private const string C = "10.0.0.1", S = "10.0.1.10";

    [Fact]
    public void The_run_lists_the_trace_files_it_wrote()
    {
        Assert.Contains($"{run.File("trace.pcap")}, {run.File("trace-client.pcap")}, {run.File("ladder.txt")}\n",
            run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_writes_byte_identical_trace_files()
    {
        using var again = new TempFolder();
        await LostThirdAckRun.Run(again.Path);

        foreach (var name in new[] { "trace.pcap", "trace-client.pcap", "ladder.txt" })
            Assert.Equal(File.ReadAllBytes(run.File(name)), File.ReadAllBytes(again.File(name)));
    }

    [Fact]
    public async Task The_servers_pcap_shows_each_synack_resent_and_the_write_reset()
    {
        var rows = await Tshark.Fields(run.File("trace.pcap"), Fields);

        string[] expected =
        [
            // The client's ACKs never reach the server (the fault drops every pure ACK until 65 s).
            Row("0.010000000", C, "S", 0, 0, 0),           // the SYN arrives
            Row("0.010000000", S, "SA", 0, 1, 0),          // SYN-ACK, then resent 1, 3, 7, 15, 31 s after the first
            Row("1.010000000", S, "SA", 0, 1, 0),
            Row("3.010000000", S, "SA", 0, 1, 0),
            Row("7.010000000", S, "SA", 0, 1, 0),
            Row("15.010000000", S, "SA", 0, 1, 0),
            Row("31.010000000", S, "SA", 0, 1, 0),
            Row("70.030000000", C, "AP", 1, 1, 100),       // the client's write, 70 s after it connected
            Row("70.030000000", S, "R", 1, 0, 0),          // the request is long gone (63 s): RST <SEQ=SEG.ACK>
        ];
        Assert.Equal(expected, rows);
        Assert.Empty(await Tshark.Filter(run.File("trace.pcap"), Tshark.Broken));
    }

    [Fact]
    public async Task The_clients_pcap_shows_its_acks_that_the_fault_dropped_and_the_reset_arriving()
    {
        var rows = await Tshark.Fields(run.File("trace-client.pcap"), Fields);

        string[] expected =
        [
            Row("0.000000000", C, "S", 0, 0, 0),
            .. new[] { "0.020000000", "1.020000000", "3.020000000", "7.020000000", "15.020000000", "31.020000000" }
                .SelectMany(t => new[] { Row(t, S, "SA", 0, 1, 0), Row(t, C, "A", 1, 1, 0) }),   // each SYN-ACK: an ACK
            Row("70.020000000", C, "AP", 1, 1, 100),
            Row("70.040000000", S, "R", 1, 0, 0),
        ];
        Assert.Equal(expected, rows);
        Assert.Empty(await Tshark.Filter(run.File("trace-client.pcap"), Tshark.Broken));
    }

    [Fact]
    public void The_ladder_merges_both_ends_and_marks_the_acks_the_fault_dropped_as_lost()
    {
        var lines = File.ReadAllLines(run.File("ladder.txt"));
        var heading = Array.FindIndex(lines, l => !l.StartsWith('#') && l.Length > 0);

        Assert.Contains("Connection states are not part of the trace", File.ReadAllText(run.File("ladder.txt")),
            StringComparison.Ordinal);
        Assert.Matches(@"^10\.0\.0\.1:\d+ \(C\) <-> 10\.0\.1\.10:80 \(S\)  ISN C=\d+ S=\d+$", lines[heading]);
        string[] expected =
        [
            "      0.000  C --> S  SYN seq=0 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 10.000",
            "     10.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 20.000",
            "     20.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "   1010.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 1020.000",
            "   1020.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "   3010.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 3020.000",
            "   3020.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "   7010.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 7020.000",
            "   7020.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "  15010.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 15020.000",
            "  15020.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "  31010.000  C <-- S  SYN,ACK seq=0 ack=1 len=0 <mss 1460,sack_perm,ts,wscale 7>  arrives 31020.000",
            "  31020.000  C --> S  ACK seq=1 ack=1 len=0  LOST",
            "  70020.000  C --> S  PSH,ACK seq=1 ack=1 len=100  arrives 70030.000",
            "  70030.000  C <-- S  RST seq=1 len=0  arrives 70040.000",
            "",
        ];
        Assert.Equal(expected, lines[(heading + 1)..]);
    }

    private static string Row(string time, string from, string flags, int seq, int ack, int len) =>
        string.Join('\t', time, from, Tshark.FlagString(flags), seq, ack, len);
}
