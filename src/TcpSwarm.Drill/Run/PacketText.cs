using System.Globalization;
using System.Text;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// A segment written as a packetdrill line writes it, in the script's numbers: flags, START:END(LENGTH), ack, win and
// the options in Linux's layout (TS val mapped back to the script's clock once a mapping exists).
internal static class PacketText
{
    public static string Flags(TcpFlags flags)
    {
        var sb = new StringBuilder();
        if ((flags & TcpFlags.Syn) != 0) sb.Append('S');
        if ((flags & TcpFlags.Fin) != 0) sb.Append('F');
        if ((flags & TcpFlags.Rst) != 0) sb.Append('R');
        if ((flags & TcpFlags.Psh) != 0) sb.Append('P');
        if ((flags & TcpFlags.Ack) != 0) sb.Append('.');
        return sb.ToString();
    }

    public static TcpFlags ParseFlags(string letters)
    {
        var flags = TcpFlags.None;
        foreach (char c in letters)
            flags |= c switch
            {
                'S' => TcpFlags.Syn,
                'F' => TcpFlags.Fin,
                'R' => TcpFlags.Rst,
                'P' => TcpFlags.Psh,
                '.' => TcpFlags.Ack,
                _ => TcpFlags.None,
            };
        return flags;
    }

    /// <summary>An outbound segment, relative to the flow's mappings.</summary>
    public static string Outbound(in Segment seg, Flow? flow)
    {
        uint start = flow?.ScriptSeq(seg.Seq) ?? seg.Seq.Value;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{Flags(seg.Flags)} {start}:{unchecked(start + seg.Length)}({seg.Length})");
        if (seg.Has(TcpFlags.Ack)) text.Append(CultureInfo.InvariantCulture, $" ack {seg.Ack.Value}");
        text.Append(CultureInfo.InvariantCulture, $" win {seg.Window}");
        var options = LinuxOptions.Of(in seg);
        if (options.Count > 0)
        {
            var shown = options.Select(o => o.Kind == "TS" && flow is not null
                ? o with { Value = flow.ScriptTsVal((uint)o.Value) } : o);
            text.Append(" <").AppendJoin(',', shown).Append('>');
        }
        return text.ToString();
    }
}
