using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>A <see cref="Wire"/> that writes down every segment as a ladder rung, with states after each
/// arrival.</summary>
/// <remarks>
/// Sequence numbers are shown as Wireshark shows them: relative to the first ISN each side used on the wire, so a
/// test reads "SYN seq=0", "SYN,ACK seq=0 ack=1". An acknowledgment number is relative only when the ACK bit is set.
/// </remarks>
public sealed class Ladder
{
    private readonly List<(Dir Dir, Func<Segment, bool> Match, long FromMs, long UntilMs, int Left)> _losses = [];
    private uint? _clientBase, _serverBase;

    public Ladder(TcpProfile profile, long oneWayMs = 10, int backlog = 128, uint clientAddr = 0, uint serverAddr = 0)
    {
        Wire = new Wire(profile, oneWayMs, backlog, clientAddr: clientAddr, serverAddr: serverAddr);
        Wire.Drops = ShouldDrop;
        Wire.OnSegment = Record;
    }

    public Wire Wire { get; }
    public List<Rung> Rungs { get; } = [];

    /// <summary>Loses the next segment that way whose flags are exactly these and that carries no data.</summary>
    public void LoseNext(Dir dir, TcpFlags flags) =>
        _losses.Add((dir, s => s.Flags == flags && s.Length == 0, 0, long.MaxValue, 1));

    /// <summary>Loses every segment that way matching the filter, from one virtual instant to another.</summary>
    public void LoseAll(Dir dir, Func<Segment, bool> match, long fromMs = 0, long untilMs = long.MaxValue) =>
        _losses.Add((dir, match, fromMs, untilMs, int.MaxValue));

    public static bool IsPureAck(Segment s) => s.Flags == TcpFlags.Ack && s.Length == 0;

    public int Open(long atMs, ushort localPort = 0, ushort remotePort = Wire.ServerPort) =>
        Wire.Connect(Instant.FromMilliseconds(atMs), localPort, remotePort);

    public void Call(long atMs, UserCall call, int bytes = 0, int conn = 0) =>
        Wire.Call(Instant.FromMilliseconds(atMs), conn, call, bytes);

    public void RunUntil(long ms) => Wire.RunUntilMs(ms);

    public Connection Conn(int index = 0) => Wire.Connections[index];

    private bool ShouldDrop(Segment seg, Dir dir, Instant now)
    {
        for (int i = 0; i < _losses.Count; i++)
        {
            var l = _losses[i];
            if (l.Dir != dir || l.Left == 0 || now.Milliseconds < l.FromMs || now.Milliseconds > l.UntilMs
                || !l.Match(seg)) continue;
            _losses[i] = l with { Left = l.Left - 1 };
            return true;
        }
        return false;
    }

    private void Record(Segment seg, Dir dir, bool lost)
    {
        if (seg.Has(TcpFlags.Syn))
        {
            if (dir == Dir.C2S) _clientBase ??= seg.Seq.Value;
            else _serverBase ??= seg.Seq.Value;
        }
        string text = Ladders.Rungs.Relative(in seg, dir, _clientBase ?? 0, _serverBase ?? 0);
        var clientView = dir == Dir.C2S
            ? new SocketPair(seg.SrcAddr, seg.SrcPort, seg.DstAddr, seg.DstPort)
            : new SocketPair(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort);
        Rungs.Add(new Rung(Wire.Now.Milliseconds, dir, text, lost,
            ClientState(in clientView), ServerState(clientView.Reversed)));
    }

    public TcpState ClientState(in SocketPair tuple) =>
        Wire.TcbOf(0, tuple)?.State ?? (Wire.Client.TimeWait.Contains(tuple) ? TcpState.TimeWait : TcpState.Closed);

    public TcpState ServerState(in SocketPair tuple)
    {
        if (Wire.TcbOf(1, tuple) is { } tcb) return tcb.State;
        if (Wire.Server.TimeWait.Contains(tuple)) return TcpState.TimeWait;
        if (!Wire.Server.TryGetListener(tuple.LocalPort, out var listener)) return TcpState.Closed;
        return listener.HasRequest(tuple) ? TcpState.SynReceived : TcpState.Listen;
    }

    /// <summary>The ladder as text, for a failure message or a note.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Rungs);
}
