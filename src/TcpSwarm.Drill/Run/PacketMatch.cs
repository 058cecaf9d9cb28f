using System.Globalization;
using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// An outbound segment held against the script's > line, field by field, as packetdrill checks one: flags, sequence
// range, ack, window when written, options (the echoed TS value always; the TS value itself only under
// --tcp_ts_tick_usecs, where the first one seen fixes the clock's random offset and each later one must match within
// the time tolerance in ticks). Returns the first field that differs, or null.
internal static class PacketMatch
{
    /// <param name="tsValTicks">How many TS ticks a TS value may be off (--tcp_ts_tick_usecs given), else null.</param>
    public static string? Differs(PacketLine want, in Segment got, Flow flow, long? tsValTicks = null)
    {
        if (want.Options?.FirstOrDefault(o => o.Kind == "TS") is { } wantTs && got.HasTimestamps)
            flow.TsOffset ??= unchecked(got.TsVal - (uint)wantTs.Value);
        var wantFlags = PacketText.ParseFlags(want.Flags);
        if (wantFlags != got.Flags)
            return $"flags {want.Flags}";
        if (got.Has(TcpFlags.Syn)) flow.IsnOffset = unchecked(got.Seq.Value - (uint)want.StartSeq);
        uint start = flow.ScriptSeq(got.Seq);
        if (start != unchecked((uint)want.StartSeq) || got.Length != want.Length)
            return string.Create(CultureInfo.InvariantCulture,
                $"sequence {want.StartSeq}:{want.EndSeq}({want.Length})");
        if (want.Ack is { } ack && got.Has(TcpFlags.Ack) && got.Ack.Value != unchecked((uint)ack))
            return string.Create(CultureInfo.InvariantCulture, $"ack {ack}");
        if (want.Window is { } window && got.Window != window)
            return string.Create(CultureInfo.InvariantCulture, $"win {window}");
        if (want.AnyOptions) return null;
        var have = LinuxOptions.Of(in got);
        var expected = want.Options ?? [];
        if (have.Count != expected.Count || have.Zip(expected).Any(p => !Same(p.First, p.Second)))
            return $"options <{string.Join(',', expected)}>";
        if (tsValTicks is { } ticks && want.Options?.FirstOrDefault(o => o.Kind == "TS") is { } ts
            && flow.TsOffset is { } offset
            && Math.Abs(unchecked((int)(got.TsVal - ((uint)ts.Value + offset)))) > ticks)
            return string.Create(CultureInfo.InvariantCulture, $"TS val {ts.Value}");
        return null;
    }

    private static bool Same(PacketOption have, PacketOption want) => have.Kind == want.Kind && have.Kind switch
    {
        "TS" => unchecked((uint)have.Ecr == (uint)want.Ecr),
        "mss" or "wscale" => have.Value == want.Value,
        _ => true,
    };
}
