using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    // How long past a failed expectation the model is run to say what it did instead.
    private static readonly TimeSpan Lookahead = TimeSpan.FromSeconds(300);

    private void Inject(PacketLine p)
    {
        var flow = FlowFor(p);
        var flags = PacketText.ParseFlags(p.Flags);
        var options = TcpOptions.None;
        ushort mss = 0;
        byte wscale = 0;
        uint tsVal = 0, tsEcr = 0;
        foreach (var o in p.Options ?? [])
            switch (o.Kind)
            {
                case "mss": options |= TcpOptions.Mss; mss = (ushort)o.Value; break;
                case "wscale": options |= TcpOptions.WindowScale; wscale = (byte)o.Value; break;
                case "sackOK": options |= TcpOptions.SackPermitted; break;
                case "TS":
                    options |= TcpOptions.Timestamps;
                    tsVal = unchecked((uint)o.Value);
                    tsEcr = flow.LiveTsEcr(o.Ecr);
                    break;
            }
        if (p.AnyOptions) throw DrillStop.Unsupported(p.Line, "<...> on an injected packet: say which options");
        var seg = new Segment(LocalStack.RemoteAddr, flow.RemotePort, LocalStack.LocalAddr, flow.LocalPort,
            new SeqNum(unchecked((uint)p.StartSeq)), new SeqNum((flags & TcpFlags.Ack) != 0 ? flow.LiveAck(p.Ack ?? 0) : 0),
            flags, (ushort)(p.Window ?? 65535), (ushort)p.Length, options, mss, wscale, tsVal, tsEcr);
        Note($"< {p.Flags} {p.StartSeq}:{p.EndSeq}({p.Length})" + (p.Ack is { } a ? $" ack {a}" : "")
             + (p.Window is { } w ? $" win {w}" : "") + (p.Options is { } list ? $" <{string.Join(',', list)}>" : ""));
        _stack.Deliver(in seg);
    }

    // packetdrill's socket under test, extended so a script can open several connections to one listener: a SYN
    // starts a new 4-tuple unless it repeats the current flow's SYN, or the current flow's connection was accepted or
    // lies in TIME_WAIT (the script then means that very 4-tuple: a challenge ACK, a SYN in TIME_WAIT).
    private Flow FlowFor(PacketLine p)
    {
        var current = _flows.Count > 0 ? _flows[^1] : null;
        bool syn = p.Flags.Contains('S', StringComparison.Ordinal) && !p.Flags.Contains('.', StringComparison.Ordinal);
        var listener = _fds.Values.FirstOrDefault(s => s.Listener is not null);
        if (syn && listener is not null && current is { Active: false } && current.LocalPort == listener.BoundPort)
        {
            bool same = current.RemoteIsn == p.StartSeq
                        || _stack.Host.TimeWait.Contains(current.Tuple)
                        || _fds.Values.Any(s => s.Flow == current);
            if (same)
            {
                current.RemoteIsn = p.StartSeq;
                return current;
            }
        }
        if (current is not null && !(syn && listener is not null)) return current;
        if (current is not null && current.Active) return current;
        var flow = new Flow(listener?.BoundPort ?? 8080, _nextRemotePort++, active: false) { RemoteIsn = p.StartSeq };
        _flows.Add(flow);
        return flow;
    }

    private void Expect(PacketLine p)
    {
        var (at, lo, hi) = Resolve(p.Time);
        if (!_stack.RunUntilSend(At(hi)))
        {
            var seen = _stack.RunUntilSend(At(hi) + Lookahead) ? _stack.Outbound.Peek() : (Sent?)null;
            var instead = seen is { } s
                ? $"nothing until {Seconds.Of(hi)}; the model's next segment was {Describe(s)}"
                : $"nothing (the model sent nothing by {Seconds.Of(hi)} nor in the {Lookahead.TotalSeconds:0} s after)";
            throw DrillStop.Fail(p.Line, $"expected {Want(p)} at {Seconds.Of(at)}, got {instead}");
        }
        var sent = _stack.Outbound.Dequeue();
        var flow = FlowOf(sent.Segment)
                   ?? throw DrillStop.Fail(p.Line, $"expected {Want(p)} at {Seconds.Of(at)}, got a segment to an "
                                                   + $"unknown 4-tuple: {Describe(sent)}");
        var differs = PacketMatch.Differs(p, sent.Segment, flow);
        if (differs is not null)
            throw DrillStop.Fail(p.Line, $"expected {differs} ({Want(p)}) at {Seconds.Of(at)}, got {Describe(sent)}");
        long sentAt = sent.At.Nanoseconds / 1000;
        if (sentAt < lo || sentAt > hi)
            throw DrillStop.Fail(p.Line, $"expected {Want(p)} at {Seconds.Of(at)}"
                                         + (p.Time.IsRange ? $"~{Seconds.Of(hi - _tolerance)}" : "")
                                         + $" (±{_tolerance} µs), got it at {Seconds.Of(sentAt)}");
        _last = p.Time.Kind == TimeKind.Any || p.Time.IsRange ? sentAt : at;
    }

    private string Describe(Sent s) => $"{PacketText.Outbound(s.Segment, FlowOf(s.Segment))} at {Seconds.Of(s.At.Nanoseconds / 1000)}";

    private static string Want(PacketLine p)
    {
        var text = $"{p.Flags} {p.StartSeq}:{p.EndSeq}({p.Length})";
        if (p.Ack is { } ack) text += $" ack {ack}";
        if (p.Window is { } win) text += $" win {win}";
        if (p.AnyOptions) text += " <...>";
        else if (p.Options is { } options) text += $" <{string.Join(',', options)}>";
        return text;
    }
}
