using System.Globalization;

namespace TcpSwarm.Tcp;

/// <summary>IPv4 addresses as host-order uints: formatting, parsing and the loopback test tcp_tw_reuse=2
/// needs.</summary>
public static class Ipv4
{
    public static string Format(uint addr) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{addr >> 24}.{(addr >> 16) & 255}.{(addr >> 8) & 255}.{addr & 255}");

    public static bool TryParse(ReadOnlySpan<char> text, out uint addr)
    {
        addr = 0;
        int parts = 0;
        foreach (var range in text.Split('.'))
        {
            if (++parts > 4 || !byte.TryParse(text[range], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                return false;
            addr = (addr << 8) | b;
        }
        return parts == 4;
    }

    public static uint Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"'{text}' is not an IPv4 address");

    /// <summary>127.0.0.0/8 (ipv4_is_loopback).</summary>
    public static bool IsLoopback(uint addr) => addr >> 24 == 127;
}
