using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// One run of one script: its events in order against a LocalStack in virtual time. A relative time counts from the
// previous event's script time (from a blocking call's start; from the instant a packet was seen when its own time
// was * or a range), as packetdrill counts it.
internal sealed partial class Play
{
    private readonly Script _script;
    private readonly long _tolerance;
    private long? _tsValTicks;
    private readonly LocalStack _stack;
    private readonly List<Flow> _flows = [];
    private readonly Dictionary<int, DrillSocket> _fds = [];
    private readonly List<(Instant At, Func<string> Text)> _ladder = [];
    private long _last;
    private int _line;
    private Pending? _pending;
    private DrillSocket? _underTest;
    private ushort _nextRemotePort = 48_000;

    public Play(Script script, DrillOptions options)
    {
        _script = script;
        _tolerance = script.Options.TryGetValue("tolerance_usecs", out var t) && long.TryParse(t,
            System.Globalization.CultureInfo.InvariantCulture, out var usecs) ? usecs : options.ToleranceUsecs;
        _stack = new LocalStack(options.Profile);
        _stack.AfterStep = PollPending;
        _stack.OnChild = InheritOptions;
        _stack.OnSend = sent =>
            _ladder.Add((sent.At, () => $"> {PacketText.Outbound(sent.Segment, FlowOf(sent.Segment))}"));
    }

    public DrillVerdict Run()
    {
        try
        {
            // --mss is packetdrill's MSS for TSO packets; the capture side merges as far as the expected segment spans
            // (SuperSegment), so it changes nothing here.
            foreach (var option in _script.Options.Keys)
                if (option is not ("tolerance_usecs" or "ip_version" or "local_ip" or "remote_ip" or "gateway_ip"
                    or "netmask_ip" or "mtu" or "bind_port" or "connect_port" or "dry_run" or "verbose" or "mss"
                    or "tcp_ts_tick_usecs"))
                    throw DrillStop.Unsupported(1, $"the option --{option}");
            // --tcp_ts_tick_usecs: TS values are checked; the model's TS clock ticks each millisecond, as Linux's.
            if (_script.Options.TryGetValue("tcp_ts_tick_usecs", out var tick))
            {
                if (tick != "1000")
                    throw DrillStop.Unsupported(1, $"--tcp_ts_tick_usecs={tick} (the model's TS clock ticks 1000 µs)");
                _tsValTicks = (_tolerance + 999) / 1000;
            }
            if (_script.Options.TryGetValue("ip_version", out var ip) && ip != "ipv4")
                throw DrillStop.Unsupported(1, "IPv6: only --ip_version=ipv4 is modelled");
            foreach (var e in _script.Events)
            {
                _line = e.Line;
                Step(e);
                CheckPendingLate();
            }
            FinishPending();
            return new DrillVerdict(DrillOutcome.Pass, 0, "pass", Ladder());
        }
        catch (DrillStop stop)
        {
            return new DrillVerdict(stop.Outcome, stop.Line, stop.Message, Ladder());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException
                                      or KeyNotFoundException)
        {
            // Our bug, not the script's: said as such, at the line being played, and never a pass.
            return new DrillVerdict(DrillOutcome.Fail, _line, $"tcpswarm bug: {e.GetType().Name}: {e.Message}",
                Ladder());
        }
    }

    private List<string> Ladder() =>
        [.. _ladder.Select((l, i) => (l, i)).OrderBy(x => x.l.At).ThenBy(x => x.i)
            .Select(x => $"{Seconds.Of(x.l.At.Nanoseconds / 1000),12} {x.l.Text()}")];

    private void Note(string text) => _ladder.Add((_stack.Now, () => text));

    private static Instant At(long usecs) => new(usecs * 1000);

    // Start, earliest and latest (µs) of an event's time, tolerance included; * is any time.
    private (long At, long Lo, long Hi) Resolve(ScriptTime time)
    {
        if (time.Kind == TimeKind.Any) return (Math.Max(_last, _stack.Now.Nanoseconds / 1000), long.MinValue / 2,
            long.MaxValue / 2);
        long at = time.Kind == TimeKind.Relative ? _last + time.Usecs : time.Usecs;
        long last = at;
        if (time.EndUsecs is { } rangeEnd) last = time.Kind == TimeKind.Relative ? _last + rangeEnd : rangeEnd;
        return (at, at - _tolerance, last + _tolerance);
    }

    private void Step(ScriptEvent e)
    {
        switch (e)
        {
            case PacketLine { Unsupported: { } what } p:
                throw DrillStop.Unsupported(p.Line, what);
            case PacketLine { Inbound: true } p:
                {
                    var (at, _, _) = Resolve(p.Time);
                    _stack.AdvanceTo(At(at));
                    Inject(p);
                    _last = p.Time.Kind == TimeKind.Any || p.Time.IsRange ? _stack.Now.Nanoseconds / 1000 : at;
                    break;
                }
            case PacketLine p:
                Expect(p);
                break;
            case SyscallLine s:
                Syscall(s);
                break;
            case CommandLine c:
                {
                    var (at, _, _) = Resolve(c.Time);
                    _stack.AdvanceTo(At(at));
                    Command(c);
                    _last = at;
                    break;
                }
            case CodeBlock code:
                {
                    var (at, _, _) = Resolve(code.Time);
                    _stack.AdvanceTo(At(at));
                    Code(code);
                    _last = at;
                    break;
                }
        }
    }

    private Flow? FlowOf(in Segment seg)
    {
        for (int i = _flows.Count - 1; i >= 0; i--)
            if (_flows[i].Carries(in seg)) return _flows[i];
        return null;
    }
}
