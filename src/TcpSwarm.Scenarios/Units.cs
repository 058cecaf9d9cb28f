using System.Globalization;
using System.Numerics;

namespace TcpSwarm.Scenarios;

/// <summary>Values with their units as scenarios write them: 250ms, 3000/s, 4KiB, 1%.</summary>
/// <remarks>A number is decimal digits with an optional sign, fraction and '_' between digits (1_000); no exponent.
/// It is read exactly (<see cref="ExactNumber"/>), so no value overflows and none is rounded: a value finer than its
/// unit's resolution (100 ns, 1 ppm, 1 byte) is refused. Each parser returns false with a message saying what was
/// expected; none throws. Range checks are the caller's.</remarks>
public static class Units
{
    private const string DurationHelp = "use a number and a unit: 250ms, 1.5s, 2m (units: us, ms, s, m, min, h)";
    private const string RateHelp = "use a number per unit of time: 3000/s, 3/ms, 50/min (units: /ms, /s, /min, /h)";
    private const string BytesHelp = "use a whole number of bytes, or a number and a unit: 200B, 4KB, 4KiB, 1MB, 1MiB";
    private const string PercentHelp = "use a percentage: 1%, 0.5% (or parts per million: 50ppm)";

    private static readonly (string Unit, long Ticks)[] DurationUnits =
    [
        ("us", 10), ("µs", 10), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute), ("min", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    // Events per unit as events per second: × PerSecond, then ÷ Seconds.
    private static readonly (string Unit, long PerSecond, double Seconds)[] RateUnits =
        [("ms", 1000, 1), ("s", 1, 1), ("min", 1, 60), ("h", 1, 3600)];

    private static readonly (string Unit, long Bytes)[] ByteUnits =
    [
        ("B", 1), ("KB", 1_000), ("KiB", 1L << 10), ("MB", 1_000_000), ("MiB", 1L << 20),
        ("GB", 1_000_000_000), ("GiB", 1L << 30), ("TB", 1_000_000_000_000), ("TiB", 1L << 40),
    ];

    /// <summary>A duration such as 250ms, 1.5s, 2m, 1h; a bare 0 is zero. A whole number of TimeSpan's 100 ns: a
    /// finer value is refused, never rounded.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        var shown = Shown(text);
        if (!Split(text, out var number, out var unit))
            return Fail(out error, number.Fault == NumberFault.None
                ? $"'{shown}' is not a duration; {DurationHelp}"
                : Faulty(shown, number.Fault, "too long a duration", "finer than 100 ns (0.1us)"));
        if (unit.Length == 0)
        {
            if (number.IsZero) { error = ""; return true; }
            return Fail(out error, $"'{shown}' needs a unit: {number.Text}ms, {number.Text}s or {number.Text}m");
        }
        var i = Array.FindIndex(DurationUnits, u => u.Unit == unit);
        if (i < 0) return Fail(out error, $"'{shown}' is not a duration; {DurationHelp}");
        if (!number.TryTimes(DurationUnits[i].Ticks, out var ticks))
            return Fail(out error, $"'{shown}' is finer than 100 ns (0.1us), the finest duration");
        if (BigInteger.Abs(ticks) > TimeSpan.MaxValue.Ticks)
            return Fail(out error, $"'{shown}' is too long a duration");
        value = TimeSpan.FromTicks((long)ticks);
        error = "";
        return true;
    }

    /// <summary>A rate such as 3000/s, 3/ms, 50/min, 10/h, as events per second.</summary>
    public static bool TryParseRate(string text, out double perSecond, out string error)
    {
        perSecond = 0;
        var shown = Shown(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Split(text, out var bare, out var u) && u.Length == 0
                ? Fail(out error, $"'{shown}' needs a unit: {bare.Text}/s")
                : Fail(out error, $"'{shown}' is not a rate; {RateHelp}");
        }
        var unit = text[(slash + 1)..].Trim();
        var i = Array.FindIndex(RateUnits, u => u.Unit == unit);
        if (i < 0) return Fail(out error, $"'{shown}' is not a rate; {RateHelp}");
        var number = ExactNumber.Parse(text[..slash].Trim());
        if (number.Fault != NumberFault.None)
            return Fail(out error, number.Fault == NumberFault.Malformed
                ? $"'{shown}' is not a rate; {RateHelp}"
                : Faulty(shown, number.Fault, "too large a rate", "has more digits than a rate can hold"));
        perSecond = number.Times(RateUnits[i].PerSecond).ToDouble() / RateUnits[i].Seconds;
        error = "";
        return true;
    }

    /// <summary>A size in bytes: 200B, 4KB (4,000), 4KiB (4,096), 1.5MB, or a bare whole number of bytes.</summary>
    /// <remarks>Units are matched without regard to case (4kb is 4KB); the result must be a whole number.</remarks>
    public static bool TryParseBytes(string text, out long bytes, out string error)
    {
        bytes = 0;
        var shown = Shown(text);
        if (!Split(text, out var number, out var unit))
            return Fail(out error, number.Fault == NumberFault.None
                ? $"'{shown}' is not a size; {BytesHelp}"
                : Faulty(shown, number.Fault, "too large a size", "is not a whole number of bytes"));
        long factor = 1;
        if (unit.Length > 0)
        {
            var i = Array.FindIndex(ByteUnits, u => string.Equals(u.Unit, unit, StringComparison.OrdinalIgnoreCase));
            if (i < 0) return Fail(out error, $"'{shown}' is not a size; {BytesHelp}");
            factor = ByteUnits[i].Bytes;
        }
        if (!number.TryTimes(factor, out var value))
            return Fail(out error, $"'{shown}' is not a whole number of bytes");
        if (BigInteger.Abs(value) > long.MaxValue) return Fail(out error, $"'{shown}' is too large a size");
        bytes = (long)value;
        error = "";
        return true;
    }

    /// <summary>A share such as 1% or 0.5% (or 50ppm), in integer parts per million; finer than 1 ppm is refused.
    /// </summary>
    public static bool TryParsePercent(string text, out int ppm, out string error)
    {
        ppm = 0;
        var shown = Shown(text);
        const string Finer = "is finer than 1 ppm (0.0001%)";
        if (!Split(text, out var number, out var unit))
            return Fail(out error, number.Fault == NumberFault.None
                ? $"'{shown}' is not a percentage; {PercentHelp}"
                : Faulty(shown, number.Fault, "too large a percentage", Finer));
        long factor;
        if (unit == "%") factor = 10_000;
        else if (unit == "ppm") factor = 1;
        else if (unit.Length == 0) return Fail(out error, $"'{shown}' needs a unit: {number.Text}%");
        else return Fail(out error, $"'{shown}' is not a percentage; {PercentHelp}");
        if (!number.TryTimes(factor, out var value)) return Fail(out error, $"'{shown}' {Finer}");
        if (BigInteger.Abs(value) > int.MaxValue) return Fail(out error, $"'{shown}' is too large a percentage");
        ppm = (int)value;
        error = "";
        return true;
    }

    /// <summary>A whole number with an optional sign and '_' between digits.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var n = ExactNumber.Parse(text.Trim());
        if (n.Fault != NumberFault.None || !n.TryTimes(1, out var whole) || whole < long.MinValue
            || whole > long.MaxValue)
            return false;
        value = (long)whole;
        return true;
    }

    /// <summary>A duration as scenarios write it: whole hours or minutes from 2h or 2m on (24h, 5m), else seconds
    /// (60s, 1.5s), else milliseconds (250ms) or microseconds (250us); exact, so it parses back to the same value.
    /// </summary>
    public static string FormatDuration(TimeSpan value)
    {
        long ticks = value.Ticks, magnitude = Math.Abs(ticks);
        if (ticks == 0) return "0s";
        const long Hour = TimeSpan.TicksPerHour, Minute = TimeSpan.TicksPerMinute;
        if (magnitude >= 2 * Hour && ticks % Hour == 0) return Plain(ticks / Hour) + "h";
        if (magnitude >= 2 * Minute && ticks % Minute == 0) return Plain(ticks / Minute) + "m";
        if (magnitude >= TimeSpan.TicksPerSecond) return Plain((decimal)ticks / TimeSpan.TicksPerSecond) + "s";
        if (magnitude >= TimeSpan.TicksPerMillisecond)
            return Plain((decimal)ticks / TimeSpan.TicksPerMillisecond) + "ms";
        return Plain((decimal)ticks / 10) + "us";
    }

    /// <summary>A rate in events per second, written as R/s with R exact (round-trip).</summary>
    public static string FormatRate(double perSecond) => perSecond.ToString("R", CultureInfo.InvariantCulture) + "/s";

    /// <summary>A size: the largest binary or decimal unit that shows it as a whole number (4KiB, 4KB, 200B).</summary>
    public static string FormatBytes(long bytes)
    {
        for (int i = ByteUnits.Length - 1; i > 0; i--)
        {
            var (unit, size) = ByteUnits[i];
            if (bytes != 0 && bytes % size == 0) return Plain(bytes / size) + unit;
        }
        return Plain(bytes) + "B";
    }

    /// <summary>Parts per million as a percentage (10000 is 1%).</summary>
    public static string FormatPercent(int ppm) => Plain(ppm / 10_000m) + "%";

    private static string Plain(decimal n) =>
        n.ToString("0.############################", CultureInfo.InvariantCulture);

    // A number then a unit (letters, %, µ), with optional blanks around and between: "1.5 s", "4KiB", "-3%". False
    // with number.Fault None when the text is not that shape; with another Fault when the number itself is refused.
    private static bool Split(string text, out ExactNumber number, out string unit)
    {
        var t = text.Trim();
        int end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] is '.' or '_' or '+' or '-')) end++;
        unit = t[end..].Trim();
        number = ExactNumber.Parse(t[..end]);
        if (!unit.All(c => char.IsAsciiLetter(c) || c is '%' or 'µ') || number.Fault == NumberFault.Malformed)
        {
            number = number with { Fault = NumberFault.None };
            return false;
        }
        return number.Fault == NumberFault.None;
    }

    private static string Faulty(string shown, NumberFault fault, string tooLarge, string tooFine) =>
        fault == NumberFault.TooLarge ? $"'{shown}' is {tooLarge}" : $"'{shown}' {tooFine}";

    // What users wrote, as their messages quote it: at most 60 characters (a megabyte of digits is not repeated).
    private static string Shown(string text)
    {
        var t = text.Trim();
        return t.Length <= 60 ? t : t[..57] + "...";
    }

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }
}
