using System.Globalization;
using System.Numerics;

namespace TcpSwarm.Scenarios;

/// <summary>A decimal number exactly as written: Scaled × 10^-Scale, with no rounding and no overflow.</summary>
/// <remarks>Digits are bounded before they are read (<see cref="MaxDigits"/> on each side of the point), so a
/// megabyte of digits costs no more than forty: every range a field allows is far inside that bound, and every
/// resolution (100 ns, 1 ppm, 1 byte) far above 10^-MaxDigits.</remarks>
/// <param name="Scaled">The digits as one integer, with the sign.</param>
/// <param name="Scale">How many of them follow the point; trailing zeros dropped.</param>
/// <param name="Fault">Why the text is not read (Scaled and Scale are then 0).</param>
/// <param name="Text">The number as messages show it: no '_', no needless zeros ("1000", "0.5", "-3").</param>
internal readonly record struct ExactNumber(BigInteger Scaled, int Scale, NumberFault Fault, string Text)
{
    /// <summary>Significant digits allowed before the point, and after it.</summary>
    public const int MaxDigits = 40;

    public bool IsZero => Scaled.IsZero;

    /// <summary>Reads "-1_000.50" and the like; leading and trailing blanks are the caller's.</summary>
    public static ExactNumber Parse(string text)
    {
        var malformed = new ExactNumber(BigInteger.Zero, 0, NumberFault.Malformed, "");
        if (text.Length == 0 || text.StartsWith('_') || text.EndsWith('_')
            || text.Contains("__", StringComparison.Ordinal) || text.Contains("._", StringComparison.Ordinal)
            || text.Contains("_.", StringComparison.Ordinal))
            return malformed;
        var t = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = t[0] == '-';
        if (t[0] is '-' or '+') t = t[1..];
        var point = t.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? t : t[..point];
        var fraction = point < 0 ? "" : t[(point + 1)..];
        if (whole.Length == 0 || point >= 0 && fraction.Length == 0
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
            return malformed;
        whole = whole.TrimStart('0');
        fraction = fraction.TrimEnd('0');
        if (whole.Length > MaxDigits) return malformed with { Fault = NumberFault.TooLarge };
        if (fraction.Length > MaxDigits) return malformed with { Fault = NumberFault.TooFine };
        var digits = whole + fraction;
        var scaled = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (negative) scaled = -scaled;
        var shown = (negative && !scaled.IsZero ? "-" : "") + (whole.Length == 0 ? "0" : whole)
                    + (fraction.Length == 0 ? "" : "." + fraction);
        return new ExactNumber(scaled, fraction.Length, NumberFault.None, shown);
    }

    /// <summary>This × factor, when that is a whole number.</summary>
    public bool TryTimes(long factor, out BigInteger whole)
    {
        whole = BigInteger.DivRem(Scaled * factor, BigInteger.Pow(10, Scale), out var remainder);
        return remainder.IsZero;
    }

    /// <summary>This × factor, exactly.</summary>
    public ExactNumber Times(long factor)
    {
        var scaled = Scaled * factor;
        int scale = Scale;
        while (scale > 0 && (scaled % 10).IsZero)
        {
            scaled /= 10;
            scale--;
        }
        var digits = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = (scaled.Sign < 0 ? "-" : "") + (scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..]);
        return new ExactNumber(scaled, scale, NumberFault.None, text);
    }

    /// <summary>The nearest double (correctly rounded).</summary>
    public double ToDouble() => double.Parse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
        CultureInfo.InvariantCulture);
}
