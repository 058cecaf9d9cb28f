using System.Globalization;

namespace TcpSwarm.Cli;

/// <summary>Numbers for people, the same on every machine: invariant culture, thousands separated.</summary>
internal static class Numbers
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate per wall second, rounded to a whole number; "-" while it is not known yet.</summary>
    public static string Rate(double perSecond) =>
        double.IsFinite(perSecond) ? Count((long)Math.Round(perSecond)) : "-";

    /// <summary>A share of a whole as a percentage with one decimal; "-" of nothing.</summary>
    public static string Share(long part, long whole) =>
        whole <= 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : "-";

    /// <summary>Bytes in binary units with one decimal: 512 B, 14.2 MiB, 3.0 GiB.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : Fixed(value, 1) + " " + units[unit];
    }

    /// <summary>Seconds as people read them: 0.25s, 12.0s, 3m05s.</summary>
    public static string Seconds(double seconds)
    {
        if (!double.IsFinite(seconds)) return "-";
        if (seconds < 1) return Fixed(seconds, 2) + "s";
        if (seconds < 120) return Fixed(seconds, 1) + "s";
        var whole = (long)seconds;
        return whole < 3600
            ? $"{whole / 60}m{whole % 60:00}s"
            : $"{whole / 3600}h{whole / 60 % 60:00}m{whole % 60:00}s";
    }
}
