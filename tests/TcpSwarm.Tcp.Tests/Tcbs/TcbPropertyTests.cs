using CsCheck;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class TcbPropertyTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");
    private static readonly TcbTimer[] Timers = ModelTimers.All.ToArray();

    /// <summary>Where a sample starts: a Tcb brought to one reachable state by a real exchange on the wire.</summary>
    private enum Start
    {
        Fresh, SynSent, SimultaneousSynReceived, ClientEstablished, ServerEstablished, EstablishedWithData,
        FinWait1, FinWait2Orphan, FinWait2Attached, CloseWait, Closing, LastAck, ClosedByAbort,
    }

    /// <summary>One input: a segment (most of the time), or a user call, after some time has passed.</summary>
    private readonly record struct Input(
        int Kind, TcpFlags Flags, int SeqMode, int SeqDelta, int AckMode, int AckDelta, uint Raw, ushort Length,
        ushort Window, TcpOptions Options, int TsDelta, int AfterMs);

    // RST rides on one segment in twenty: an exact one ends the connection, and the states past it need inputs too.
    private static readonly Gen<int> AnyFlags =
        Gen.Select(Gen.Int[0, 31], Gen.Int[0, 9],
            (flags, keepRst) => keepRst == 0 ? flags : flags & ~(int)TcpFlags.Rst);

    private static readonly Gen<Input> AnyInput = Gen.Select(
        Gen.Int[0, 99], AnyFlags, Gen.Int[0, 4], Gen.Int[-70_000, 70_000], Gen.Int[0, 4], Gen.Int[-70_000, 70_000],
        Gen.UInt, Gen.Frequency((3, Gen.Int[0, 0]), (2, Gen.Int[1, 3000]), (1, Gen.Int[0, 65535])),
        Gen.Int[0, 65535], Gen.Int[0, 15], Gen.Int[-5000, 5000],
        Gen.Frequency((6, Gen.Int[0, 50]), (3, Gen.Int[0, 5000]), (1, Gen.Int[0, 300_000])),
        (kind, flags, seqMode, seqDelta, ackMode, ackDelta, raw, length, window, options, tsDelta, afterMs) =>
            new Input(kind, (TcpFlags)flags, seqMode, seqDelta, ackMode, ackDelta, raw, (ushort)length,
                (ushort)window, (TcpOptions)options, tsDelta, afterMs));

    [Fact]
    public void Random_segments_timers_and_calls_in_every_reachable_state_keep_the_tcb_sound()
    {
        // 15000 samples of up to 100 inputs (a sample stops five inputs after its socket ends): about 320,000
        // segments with garbage flag combinations and sequence numbers near RCV.NXT, SND.UNA and SND.NXT or anywhere,
        // between timer expiries and user calls.
        Gen.Select(Gen.Enum<Start>(), AnyInput.Array[100]).Sample(Run, iter: 15_000, threads: 1);
    }

    private static void Run(Start start, Input[] inputs)
    {
        var (tcb, now, deadlines, peerTsOffset) = Reach(start);
        int afterEnd = 0;
        foreach (var input in inputs)
        {
            if (tcb.State is TcpState.Closed or TcpState.TimeWait && start != Start.Fresh && ++afterEnd > 5) return;
            now += TimeSpan.FromMilliseconds(input.AfterMs);
            FireDueTimers(tcb, deadlines, now);
            if (input.Kind >= 98) deadlines[0] = null;     // an early expiry of the RTO, which the caller forgets
            var step = input.Kind < 85 ? tcb.Handle(SegmentFor(tcb, in input, now, peerTsOffset), now)
                : Call(tcb, input.Kind, now);
            Check(tcb, in step, now, deadlines);
        }
    }

    private static void FireDueTimers(Tcb tcb, Instant?[] deadlines, Instant now)
    {
        while (true)
        {
            int due = -1;
            for (int i = 0; i < deadlines.Length; i++)
                if (deadlines[i] is { } d && d <= now && (due < 0 || d < deadlines[due]!.Value)) due = i;
            if (due < 0) return;
            var at = deadlines[due]!.Value;
            deadlines[due] = null;
            var step = ModelTimers.Fire(tcb, Timers[due], at);
            Check(tcb, in step, at, deadlines);
        }
    }

    private static TcbStep Call(Tcb tcb, int kind, Instant now) => kind switch
    {
        < 91 => tcb.Send(kind * 700, now),
        < 93 => Read(tcb, now),
        < 95 => tcb.Shutdown(now),
        < 97 => tcb.Close(now),
        < 98 => tcb.Abort(now),
        _ => ModelTimers.Fire(tcb, TcbTimer.Retransmit, now),
    };

    private static TcbStep Read(Tcb tcb, Instant now)
    {
        tcb.Read();
        return tcb.Send(0, now);
    }

    private static Segment SegmentFor(Tcb tcb, in Input input, Instant now, uint peerTsOffset)
    {
        var seq = input.SeqMode switch
        {
            0 => tcb.RcvNxt + input.SeqDelta,
            1 => tcb.RcvNxt + (input.SeqDelta % 3),
            2 => tcb.RcvNxt - 1,
            3 => tcb.RcvNxt,
            _ => new SeqNum(input.Raw),
        };
        var ack = input.AckMode switch
        {
            0 => tcb.SndUna + input.AckDelta,
            1 => tcb.SndNxt + (input.AckDelta % 3),
            2 => tcb.SndNxt,
            3 => tcb.SndUna,
            _ => new SeqNum(input.Raw ^ 0x9E3779B9),
        };
        var tuple = tcb.Tuple;
        return new Segment(tuple.RemoteAddr, tuple.RemotePort, tuple.LocalAddr, tuple.LocalPort, seq, ack, input.Flags,
            input.Window, input.Length, input.Options, Mss: (ushort)(input.Raw >> 16),
            WindowScale: (byte)(input.Raw % 21),
            TsVal: unchecked((uint)(now.Milliseconds + input.TsDelta) + peerTsOffset),
            TsEcr: input.Raw);
    }

    private static void Check(Tcb tcb, in TcbStep step, Instant now, Instant?[] deadlines)
    {
        Assert.True(Enum.IsDefined(tcb.State), $"state {tcb.State} is not one of the eleven");
        Assert.Equal(tcb.State, step.To);
        Assert.True(tcb.SndUna <= tcb.SndNxt, $"SND.UNA {tcb.SndUna} is after SND.NXT {tcb.SndNxt}");
        Assert.InRange(step.Sends.Length, 0, 12);
        for (int i = 0; i < Timers.Length; i++)
        {
            var edit = ModelTimers.Edit(in step, Timers[i]);
            if (edit.Action == TimerAction.Set)
            {
                Assert.True(edit.Deadline >= now, $"{Timers[i]} set in the past");
                deadlines[i] = edit.Deadline;
            }
            else if (edit.Action == TimerAction.Cancel) deadlines[i] = null;
        }
        if (tcb.State is TcpState.Closed or TcpState.TimeWait)
            Assert.All(deadlines, d => Assert.Null(d));
    }

    private static (Tcb Tcb, Instant Now, Instant?[] Deadlines, uint PeerTsOffset) Reach(Start start)
    {
        var wire = start == Start.SimultaneousSynReceived ? Ladder.Simultaneous(Linux618) : new Ladder(Linux618);
        if (start != Start.SimultaneousSynReceived) wire.Socket();
        var side = Side.Client;
        switch (start)
        {
            case Start.Fresh:
                break;
            case Start.SynSent:
                wire.OpenSocket();
                wire.RunUntil(5);
                break;
            case Start.SimultaneousSynReceived:
                wire.OpenSocket();
                wire.RunUntil(15);
                break;
            case Start.ClientEstablished or Start.ServerEstablished:
                wire.Handshake();
                side = start == Start.ServerEstablished ? Side.Server : Side.Client;
                break;
            case Start.EstablishedWithData:
                wire.AutoRead = false;
                wire.Handshake();
                wire.At(40, Side.Client, (t, n) => t.Send(20_000, n));
                wire.At(40, Side.Server, (t, n) => t.Send(5_000, n));
                wire.RunUntil(55);
                break;
            default:
                (side, long until) = CloseTowards(wire, start);
                wire.RunUntil(until);
                break;
        }
        var tcb = side == Side.Client ? wire.Client : wire.Server;
        var deadlines = Array.ConvertAll(Timers, t => wire.Deadline(side, t));
        return (tcb, wire.Now, deadlines, side == Side.Client ? wire.ServerTsOffset : wire.ClientTsOffset);
    }

    private static (Side Side, long UntilMs) CloseTowards(Ladder wire, Start start)
    {
        wire.Handshake();
        switch (start)
        {
            case Start.FinWait1:
                wire.At(40, Side.Client, (t, n) => t.Close(n));
                return (Side.Client, 45);
            case Start.FinWait2Orphan:
                wire.At(40, Side.Client, (t, n) => t.Close(n));
                return (Side.Client, 105);
            case Start.FinWait2Attached:
                wire.At(40, Side.Client, (t, n) => t.Shutdown(n));
                return (Side.Client, 105);
            case Start.CloseWait:
                wire.At(40, Side.Client, (t, n) => t.Close(n));
                return (Side.Server, 55);
            case Start.LastAck:
                wire.At(40, Side.Client, (t, n) => t.Close(n));
                wire.At(60, Side.Server, (t, n) => t.Close(n));
                return (Side.Server, 65);
            case Start.Closing:
                wire.At(40, Side.Client, (t, n) => t.Close(n));
                wire.At(40, Side.Server, (t, n) => t.Close(n));
                return (Side.Client, 55);
            default:
                wire.At(40, Side.Client, (t, n) => t.Abort(n));
                return (Side.Client, 45);
        }
    }

    [Fact]
    public void Every_start_of_the_property_test_is_in_the_state_it_is_named_for()
    {
        var reached = Array.ConvertAll(Enum.GetValues<Start>(), s => Reach(s).Tcb.State);
        Assert.Equal(
            [TcpState.Closed, TcpState.SynSent, TcpState.SynReceived, TcpState.Established, TcpState.Established,
             TcpState.Established, TcpState.FinWait1, TcpState.FinWait2, TcpState.FinWait2, TcpState.CloseWait,
             TcpState.Closing, TcpState.LastAck, TcpState.Closed],
            reached);
    }
}
