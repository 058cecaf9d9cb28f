using System.Globalization;
using System.Text;

namespace TcpSwarm.Tcp;

/// <summary>Segments written as a ladder diagram prints them: <c>SYN,ACK seq=5000 ack=1001 len=0</c>.</summary>
public static class SegmentText
{
    public static string Flags(TcpFlags flags)
    {
        if (flags == TcpFlags.None) return "-";
        var sb = new StringBuilder();
        void Add(TcpFlags f, string name)
        {
            if ((flags & f) == 0) return;
            if (sb.Length > 0) sb.Append(',');
            sb.Append(name);
        }
        Add(TcpFlags.Syn, "SYN");
        Add(TcpFlags.Fin, "FIN");
        Add(TcpFlags.Rst, "RST");
        Add(TcpFlags.Psh, "PSH");
        Add(TcpFlags.Ack, "ACK");
        return sb.ToString();
    }

    public static string Describe(in Segment seg) => string.Create(CultureInfo.InvariantCulture,
        $"{Flags(seg.Flags)} seq={seg.Seq.Value} ack={seg.Ack.Value} len={seg.Length}");
}
