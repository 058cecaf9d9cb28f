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
            new SeqNum(unchecked((uint)p.StartSeq)),
            new SeqNum((flags & TcpFlags.Ack) != 0 ? flow.LiveAck(p.Ack ?? 0) : 0),
            flags, (ushort)(p.Window ?? 65535), (ushort)p.Length, options, mss, wscale, tsVal, tsEcr);
        Note($"< {p.Flags} {p.StartSeq}:{p.EndSeq}({p.Length})" + (p.Ack is { } a ? $" ack {a}" : "")
             + (p.Window is { } w ? $" win {w}" : "") + (p.Options is { } list ? $" <{string.Join(',', list)}>" : ""));
        _stack.Deliver(in seg);
    }

    // packetdrill's socket under test, extended so that a script can hold several connections to one listener: a SYN
    // with a new sequence number opens a new 4-tuple, unless the current flow's connection was accepted or lies in
    // TIME_WAIT (the script then means that very 4-tuple: a challenge ACK, a SYN in TIME_WAIT). Any other segment goes
    // to the flow whose SYN its sequence number follows most closely, so a script interleaves connections by their
    // sequence spaces; with one connection this is packetdrill's own rule.
    private Flow FlowFor(PacketLine p)
    {
        var current = _flows.Count > 0 ? _flows[^1] : null;
        bool syn = p.Flags.Contains('S', StringComparison.Ordinal) && !p.Flags.Contains('.', StringComparison.Ordinal);
        var listener = _fds.Values.FirstOrDefault(s => s.Listener is not null);
        if (!syn)
        {
            var nearest = _flows.Where(f => f.RemoteIsn is not null)
                .Select(f => (Flow: f, Distance: unchecked((uint)p.StartSeq - (uint)f.RemoteIsn!.Value)))
                .Where(x => x.Distance < 1u << 30)
                .OrderBy(x => x.Distance).Select(x => x.Flow).FirstOrDefault();
            var chosen = nearest ?? current;
            if (chosen is not null)
            {
                if (p.Flags.Contains('S', StringComparison.Ordinal)) chosen.RemoteIsn = p.StartSeq;   // a SYN-ACK
                return chosen;
            }
        }
        else if (current is not null && (listener is null || current.Active))
        {
            current.RemoteIsn = p.StartSeq;                  // a simultaneous open, or a SYN with no listener
            return current;
        }
        else if (_flows.LastOrDefault(f => !f.Active && f.RemoteIsn == p.StartSeq) is { } again)
        {
            return again;                                    // a retransmitted SYN
        }
        else if (current is not null && current.LocalPort == listener!.BoundPort
                 && (_stack.Host.TimeWait.Contains(current.Tuple) || _fds.Values.Any(s => s.Flow == current)))
        {
            current.RemoteIsn = p.StartSeq;
            return current;
        }
        var flow = new Flow(listener?.BoundPort ?? DefaultPort, _nextRemotePort++, active: false)
        {
            RemoteIsn = syn ? p.StartSeq : null,
        };
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
        var sent = SuperSegment.Take(_stack.Outbound, p.Length);
        var flow = FlowOf(sent.Segment)
                   ?? throw DrillStop.Fail(p.Line, $"expected {Want(p)} at {Seconds.Of(at)}, got a segment to an "
                                                   + $"unknown 4-tuple: {Describe(sent)}");
        var differs = PacketMatch.Differs(p, sent.Segment, flow, _tsValTicks);
        if (differs is not null)
            throw DrillStop.Fail(p.Line, $"expected {differs} ({Want(p)}) at {Seconds.Of(at)}, got {Describe(sent)}");
        long sentAt = sent.At.Nanoseconds / 1000;
        if (sentAt < lo || sentAt > hi)
            throw DrillStop.Fail(p.Line, $"expected {Want(p)} at {Seconds.Of(at)}"
                                         + (p.Time.IsRange ? $"~{Seconds.Of(hi - _tolerance)}" : "")
                                         + $" (±{_tolerance} µs), got it at {Seconds.Of(sentAt)}");
        _last = p.Time.Kind == TimeKind.Any || p.Time.IsRange ? sentAt : at;
    }

    private string Describe(Sent s) =>
        $"{PacketText.Outbound(s.Segment, FlowOf(s.Segment))} at {Seconds.Of(s.At.Nanoseconds / 1000)}";

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
