using TcpSwarm.Cli.Trace;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>A hand-built connection written as the server's pcap and read back by the real tshark.</summary>
public sealed class PcapWriterTests
{
    private const uint Client = 0x0A000001, Server = 0x0A00010A;      // 10.0.0.1:40000 and 10.0.1.10:80
    private const TcpOptions SynOptions = TcpOptions.Mss | TcpOptions.WindowScale | TcpOptions.SackPermitted
                                          | TcpOptions.Timestamps;

    // A 10 ms wire, client ISN 1000, server ISN 5000: handshake with options, 100 bytes of data (arriving 1 ns past
    // the millisecond, to show the nanoseconds survive), its ACK, and the client's FIN teardown.
    private const long Ms = 1_000_000;

    private static readonly TraceRecord[] Connection = Views(
    [
        (0, 10 * Ms, ToServer(TcpFlags.Syn, 1000, 0, 0, SynOptions, tsVal: 100, tsEcr: 0)),
        (10 * Ms, 20 * Ms, ToClient(TcpFlags.Syn | TcpFlags.Ack, 5000, 1001, 0, SynOptions, tsVal: 200, tsEcr: 100)),
        (20 * Ms, 30 * Ms, ToServer(TcpFlags.Ack, 1001, 5001, 0, TcpOptions.Timestamps, tsVal: 120, tsEcr: 200)),
        (20 * Ms, 30 * Ms + 1, ToServer(TcpFlags.Psh | TcpFlags.Ack, 1001, 5001, 100, TcpOptions.Timestamps, 121, 200)),
        (30 * Ms + 1, 40 * Ms, ToClient(TcpFlags.Ack, 5001, 1101, 0, TcpOptions.Timestamps, tsVal: 210, tsEcr: 121)),
        (40 * Ms, 50 * Ms, ToServer(TcpFlags.Fin | TcpFlags.Ack, 1101, 5001, 0, TcpOptions.Timestamps, 140, 210)),
        (50 * Ms, 60 * Ms, ToClient(TcpFlags.Fin | TcpFlags.Ack, 5001, 1102, 0, TcpOptions.Timestamps, 220, 140)),
        (60 * Ms, 70 * Ms, ToServer(TcpFlags.Ack, 1102, 5002, 0, TcpOptions.Timestamps, tsVal: 160, tsEcr: 220)),
    ]);

    [Fact]
    public async Task Tshark_reads_the_servers_view_with_exact_times_relative_numbers_options_and_good_checksums()
    {
        using var folder = new TempFolder();
        var records = Connection.Where(r => r.Host == Server).ToArray();
        var file = folder.File("trace.pcap");
        File.WriteAllBytes(file, PcapWriter.Write(records, Enumerable.Range(0, records.Length), new(records)));

        var rows = await Tshark.Fields(file, "frame.time_epoch", "ip.src", "tcp.flags.str", "tcp.seq", "tcp.ack",
            "tcp.len", "tcp.options.mss_val", "tcp.options.timestamp.tsval", "ip.id");

        string[] expected =
        [
            // time          from        flags                          seq  ack  len mss   tsval ip.id
            Row("0.010000000", "10.0.0.1", "S", "0", "0", "0", "1460", "100", "0x0001"),
            Row("0.010000000", "10.0.1.10", "SA", "0", "1", "0", "1460", "200", "0x0001"),
            Row("0.030000000", "10.0.0.1", "A", "1", "1", "0", "", "120", "0x0002"),
            Row("0.030000001", "10.0.0.1", "AP", "1", "1", "100", "", "121", "0x0003"),
            Row("0.030000001", "10.0.1.10", "A", "1", "101", "0", "", "210", "0x0002"),
            Row("0.050000000", "10.0.0.1", "AF", "101", "1", "0", "", "140", "0x0004"),
            Row("0.050000000", "10.0.1.10", "AF", "1", "102", "0", "", "220", "0x0003"),
            Row("0.070000000", "10.0.0.1", "A", "102", "2", "0", "", "160", "0x0005"),
        ];
        Assert.Equal(expected, rows);
        Assert.Empty(await Tshark.Filter(file, Tshark.Broken));
        Assert.Empty(await Tshark.Filter(file, "_ws.expert.severity >= warning"));
    }

    [Fact]
    public async Task Every_option_the_segment_carries_reaches_the_wire_and_nothing_else()
    {
        using var folder = new TempFolder();
        var records = Connection.Where(r => r.Host == Server && r.Sent).ToArray();
        var file = folder.File("trace.pcap");
        File.WriteAllBytes(file, PcapWriter.Write(records, Enumerable.Range(0, records.Length), new(records)));

        var rows = await Tshark.Fields(file, "tcp.hdr_len", "tcp.options.wscale.shift", "tcp.option_kind",
            "tcp.options.timestamp.tsecr", "ip.ttl", "ip.flags.df", "eth.src");

        Assert.Equal(
        [
            // Linux's order: MSS, SACK-permitted, timestamps, NOP, window scale; NOP, NOP, timestamps after the SYN.
            "40\t7\t2,4,8,1,3\t100\t64\t1\t02:00:0a:00:01:0a", "32\t\t1,1,8\t121\t64\t1\t02:00:0a:00:01:0a",
            "32\t\t1,1,8\t140\t64\t1\t02:00:0a:00:01:0a",
        ], rows);
    }

    private static string Row(string time, string from, string flags, string seq, string ack, string len, string mss,
        string tsVal, string ipId) =>
        string.Join('\t', time, from, Tshark.FlagString(flags), seq, ack, len, mss, tsVal, ipId);

    // Each segment as its sender and its receiver saw it; each host's records in its own order, an arrival before
    // what it provoked at the same instant.
    private static TraceRecord[] Views((long SentNs, long ArrivedNs, Segment Segment)[] wire) =>
    [
        .. wire.SelectMany(w => new[]
            {
                new TraceRecord(new(w.SentNs), w.Segment.SrcAddr, Sent: true, w.Segment),
                new TraceRecord(new(w.ArrivedNs), w.Segment.DstAddr, Sent: false, w.Segment),
            })
            .OrderBy(r => r.Host).ThenBy(r => r.At).ThenBy(r => r.Sent),
    ];

    private static Segment ToServer(TcpFlags flags, uint seq, uint ack, ushort length, TcpOptions options, uint tsVal,
        uint tsEcr) => new(Client, 40000, Server, 80, new(seq), new(ack), flags, 502, length, options,
        Mss: 1460, WindowScale: 7, TsVal: tsVal, TsEcr: tsEcr);

    private static Segment ToClient(TcpFlags flags, uint seq, uint ack, ushort length, TcpOptions options, uint tsVal,
        uint tsEcr) => new(Server, 80, Client, 40000, new(seq), new(ack), flags, 509, length, options,
        Mss: 1460, WindowScale: 7, TsVal: tsVal, TsEcr: tsEcr);
}
