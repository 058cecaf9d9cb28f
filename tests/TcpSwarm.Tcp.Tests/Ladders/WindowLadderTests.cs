using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>Window fields and options as Linux writes them (tcp_select_initial_window, __tcp_select_window).</summary>
public sealed class WindowLadderTests
{
    [Theory]
    [InlineData(true, 65160, 510)]                   // SYN-ACK on 1460 − 12 bytes of timestamps: 45 × 1448
    [InlineData(false, 64240, 502)]                  // without timestamps the SYN-ACK's window is the SYN's: 44 × 1460
    public void The_handshake_and_the_first_data_carry_linux_windows_and_options(bool timestamps, int synAckWindow,
        int serverField)
    {
        var profile = TcpProfile.Named("linux-6.18") with { TcpTimestamps = timestamps ? 1 : 0 };
        var ladder = new Ladder(profile, oneWayMs: 10);
        var seen = new List<(Dir Dir, Segment Seg)>();
        var record = ladder.Wire.OnSegment!;
        ladder.Wire.OnSegment = (seg, dir, lost, injected) =>
        {
            seen.Add((dir, seg));
            record(seg, dir, lost, injected);
        };
        ladder.Open(atMs: 0);
        ladder.Call(100, UserCall.ClientSend, bytes: 100);
        ladder.Call(200, UserCall.ServerSend, bytes: 100);
        ladder.RunUntil(1_000);

        var options = TcpOptions.Mss | TcpOptions.SackPermitted | TcpOptions.WindowScale
            | (timestamps ? TcpOptions.Timestamps : TcpOptions.None);
        var (syn, synAck, third) = (seen[0].Seg, seen[1].Seg, seen[2].Seg);
        Assert.Equal((Syn(0), (ushort)64240, options, (ushort)1460, (byte)7),
            (Seg(syn), syn.Window, syn.Options, syn.Mss, syn.WindowScale));   // 65536 rounded down to 44 × 1460
        Assert.Equal(((ushort)synAckWindow, options, (byte)7),
            (synAck.Window, synAck.Options, synAck.WindowScale));
        // __tcp_select_window aligns the window up to the scale's unit: 64240 → 64256 (502 × 128), 65160 → 65280.
        Assert.Equal((C2S, (ushort)502), (seen[2].Dir, third.Window));
        var fromServer = seen.Where(s => s.Dir == S2C).Select(s => s.Seg.Window).Skip(1).Distinct();
        Assert.Equal([(ushort)serverField], fromServer);
        var afterSyns = timestamps ? TcpOptions.Timestamps : TcpOptions.None;
        Assert.All(seen.Skip(2), s => Assert.Equal(afterSyns, s.Seg.Options));
    }

    private static string Seg(Segment s) => Rungs.Seg(s.Flags, 0, 0, s.Length);
}
