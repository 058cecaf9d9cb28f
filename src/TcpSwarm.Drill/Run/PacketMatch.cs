using System.Globalization;
using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// An outbound segment held against the script's > line, field by field, as packetdrill checks one: flags, sequence
// range, ack, window when written, options (the TS value is not compared: the kernel's TS clock has a random offset;
// the echoed value is). Returns the first field that differs, or null.
internal static class PacketMatch
{
    public static string? Differs(PacketLine want, in Segment got, Flow flow)
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
        return null;
    }

    private static bool Same(PacketOption have, PacketOption want) => have.Kind == want.Kind && have.Kind switch
    {
        "TS" => unchecked((uint)have.Ecr == (uint)want.Ecr),
        "mss" or "wscale" => have.Value == want.Value,
        _ => true,
    };
}
