using System.Globalization;

namespace TcpSwarm.Scenarios;

/// <summary>Values with their units as scenarios write them: 250ms, 3000/s, 4KiB, 1%.</summary>
/// <remarks>A number is decimal digits with an optional sign, fraction and '_' between digits (1_000); no exponent.
/// Each parser returns false with a message saying what was expected; none throws. Range checks are the
/// caller's.</remarks>
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

    private static readonly (string Unit, decimal Seconds)[] RateUnits =
        [("ms", 0.001m), ("s", 1m), ("min", 60m), ("h", 3600m)];

    private static readonly (string Unit, long Bytes)[] ByteUnits =
    [
        ("B", 1), ("KB", 1_000), ("KiB", 1L << 10), ("MB", 1_000_000), ("MiB", 1L << 20),
        ("GB", 1_000_000_000), ("GiB", 1L << 30), ("TB", 1_000_000_000_000), ("TiB", 1L << 40),
    ];

    /// <summary>A duration such as 250ms, 1.5s, 2m, 1h; a bare 0 is zero. Rounded to TimeSpan's 100 ns.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        var shown = text.Trim();
        if (!Split(text, out var number, out var unit))
            return Fail(out error, $"'{shown}' is not a duration; {DurationHelp}");
        if (unit.Length == 0)
        {
            if (number == 0) { error = ""; return true; }
            var n = Plain(number);
            return Fail(out error, $"'{shown}' needs a unit: {n}ms, {n}s or {n}m");
        }
        var i = Array.FindIndex(DurationUnits, u => u.Unit == unit);
        if (i < 0) return Fail(out error, $"'{shown}' is not a duration; {DurationHelp}");
        var ticks = number * DurationUnits[i].Ticks;
        if (Math.Abs(ticks) > TimeSpan.MaxValue.Ticks)
            return Fail(out error, $"'{shown}' is too long a duration");
        value = TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
        error = "";
        return true;
    }

    /// <summary>A rate such as 3000/s, 3/ms, 50/min, 10/h, as events per second.</summary>
    public static bool TryParseRate(string text, out double perSecond, out string error)
    {
        perSecond = 0;
        var shown = text.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Split(text, out var bare, out var u) && u.Length == 0
                ? Fail(out error, $"'{shown}' needs a unit: {Plain(bare)}/s")
                : Fail(out error, $"'{shown}' is not a rate; {RateHelp}");
        }
        var unit = text[(slash + 1)..].Trim();
        var i = Array.FindIndex(RateUnits, u => u.Unit == unit);
        if (i < 0 || !TryNumber(text[..slash].Trim(), out var number))
            return Fail(out error, $"'{shown}' is not a rate; {RateHelp}");
        perSecond = (double)(number / RateUnits[i].Seconds);
        error = "";
        return true;
    }

    /// <summary>A size in bytes: 200B, 4KB (4,000), 4KiB (4,096), 1.5MB, or a bare whole number of bytes.</summary>
    /// <remarks>Units are matched without regard to case (4kb is 4KB); the result must be a whole number.</remarks>
    public static bool TryParseBytes(string text, out long bytes, out string error)
    {
        bytes = 0;
        var shown = text.Trim();
        if (!Split(text, out var number, out var unit)) return Fail(out error, $"'{shown}' is not a size; {BytesHelp}");
        long factor = 1;
        if (unit.Length > 0)
        {
            var i = Array.FindIndex(ByteUnits, u => string.Equals(u.Unit, unit, StringComparison.OrdinalIgnoreCase));
            if (i < 0) return Fail(out error, $"'{shown}' is not a size; {BytesHelp}");
            factor = ByteUnits[i].Bytes;
        }
        if (Math.Abs(number) > long.MaxValue / (decimal)factor)
            return Fail(out error, $"'{shown}' is too large a size");
        var value = number * factor;
        if (value != decimal.Truncate(value)) return Fail(out error, $"'{shown}' is not a whole number of bytes");
        bytes = (long)value;
        error = "";
        return true;
    }

    /// <summary>A share such as 1% or 0.5% (or 50ppm), in integer parts per million; finer than 1 ppm is refused.
    /// </summary>
    public static bool TryParsePercent(string text, out int ppm, out string error)
    {
        ppm = 0;
        var shown = text.Trim();
        if (!Split(text, out var number, out var unit))
            return Fail(out error, $"'{shown}' is not a percentage; {PercentHelp}");
        decimal value;
        if (unit == "%") value = number * 10_000m;
        else if (unit == "ppm") value = number;
        else if (unit.Length == 0) return Fail(out error, $"'{shown}' needs a unit: {Plain(number)}%");
        else return Fail(out error, $"'{shown}' is not a percentage; {PercentHelp}");
        if (value != decimal.Truncate(value)) return Fail(out error, $"'{shown}' is finer than 1 ppm (0.0001%)");
        if (Math.Abs(value) > int.MaxValue) return Fail(out error, $"'{shown}' is too large a percentage");
        ppm = (int)value;
        error = "";
        return true;
    }

    /// <summary>A whole number with an optional sign and '_' between digits.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        if (!TryNumber(text.Trim(), out var n) || n != decimal.Truncate(n) || n < long.MinValue || n > long.MaxValue)
            return false;
        value = (long)n;
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

    // A number then a unit (letters, %, µ), with optional blanks around and between: "1.5 s", "4KiB", "-3%".
    private static bool Split(string text, out decimal number, out string unit)
    {
        var t = text.Trim();
        int end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] is '.' or '_' or '+' or '-')) end++;
        unit = t[end..].Trim();
        return TryNumber(t[..end], out number) && unit.All(c => char.IsAsciiLetter(c) || c is '%' or 'µ');
    }

    private static bool TryNumber(string text, out decimal number)
    {
        number = 0;
        if (text.Length == 0 || text.StartsWith('_') || text.EndsWith('_')
            || text.Contains("__", StringComparison.Ordinal) || text.Contains("._", StringComparison.Ordinal)
            || text.Contains("_.", StringComparison.Ordinal))
            return false;
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (digits.EndsWith('.') || digits.StartsWith('.') || digits.Contains("-.", StringComparison.Ordinal)
            || digits.Contains("+.", StringComparison.Ordinal))
            return false;
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out number);
    }

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }
}
