using System.Globalization;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios;

/// <summary>The kinds of value a scenario holds, each with its range: the words of every field's message.</summary>
internal static class Kinds
{
    public static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public static ValueKind<long> Integer(long min, long max)
    {
        var expected = string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
        return new(expected, (string text, out long value, out string error) =>
        {
            if (!Units.TryParseInteger(text, out value)) return Refuse(out error, $"'{text.Trim()}'", expected);
            return Check(value >= min && value <= max, out error, text.Trim(), expected);
        });
    }

    public static ValueKind<int> Int(int min, int max)
    {
        var inner = Integer(min, max);
        return new(inner.Expected, (string text, out int value, out string error) =>
        {
            var ok = inner.TryParse(text, out var v, out error);
            value = (int)v;
            return ok;
        });
    }

    /// <summary>The seed: 0 to 2^64-1.</summary>
    public static ValueKind<ulong> Seed { get; } = new("an integer from 0 to 18446744073709551615",
        (string text, out ulong value, out string error) =>
            Check(ulong.TryParse(text.Replace("_", "", StringComparison.Ordinal).Trim(), NumberStyles.None,
                CultureInfo.InvariantCulture, out value), out error, $"'{text.Trim()}'",
                "an integer from 0 to 18446744073709551615"));

    /// <summary>A duration above 0 (or from 0 when allowZero), at most max.</summary>
    public static ValueKind<TimeSpan> Duration(bool allowZero, TimeSpan max)
    {
        var expected = (allowZero ? "a duration of 0s or more" : "a duration above 0s")
                       + (max < TimeSpan.MaxValue ? " and at most " + Units.FormatDuration(max) : "");
        return new(expected, (string text, out TimeSpan value, out string error) =>
        {
            if (!Units.TryParseDuration(text, out value, out error)) return false;
            return Check((allowZero ? value >= TimeSpan.Zero : value > TimeSpan.Zero) && value <= max, out error,
                text.Trim(), expected);
        });
    }

    /// <summary>A duration at most a day: no delay or instant a run of at most a day can use is longer, and virtual
    /// time in nanoseconds (long) holds any sum of such durations a run makes.</summary>
    public static ValueKind<TimeSpan> Duration(bool allowZero) => Duration(allowZero, OneDay);

    /// <summary>The fastest rate: 100,000,000/s, a mean gap of 10 ns. Virtual time is whole nanoseconds, so the gaps
    /// of a faster process would mostly round to 0 and it would run faster than asked (at 10,000,000,000/s, a flood's
    /// mean gap of 0.1 ns rounds to a mean of 0.007 ns: 15 times the rate).</summary>
    public const double MaxRate = 100_000_000;

    /// <summary>A rate above 0 (or from 0 when allowZero), at most <see cref="MaxRate"/>.</summary>
    public static ValueKind<double> Rate(bool allowZero)
    {
        var expected = (allowZero ? "a rate of 0/s or more" : "a rate above 0/s") + " and at most 100,000,000/s";
        return new(expected, (string text, out double value, out string error) =>
        {
            if (!Units.TryParseRate(text, out value, out error)) return false;
            bool ok = (allowZero ? value >= 0 : value > 0) && value <= MaxRate;
            if (ok || !(value > MaxRate)) return Check(ok, out error, text.Trim(), expected);
            error = $"{text.Trim()} is more than 100,000,000/s, one per 10 ns: virtual time is whole nanoseconds, so "
                    + "the gaps of a faster process would round to 0 and it would run faster than asked; "
                    + "use at most 100,000,000/s";
            return false;
        });
    }

    public static ValueKind<long> Bytes(long max)
    {
        var expected = "a size from 0B to " + Units.FormatBytes(max);
        return new(expected, (string text, out long value, out string error) =>
        {
            if (!Units.TryParseBytes(text, out value, out error)) return false;
            return Check(value >= 0 && value <= max, out error, text.Trim(), expected);
        });
    }

    /// <summary>A probability from 0% to 100%, as parts per million.</summary>
    public static ValueKind<int> Percent { get; } = new("a percentage from 0% to 100%",
        (string text, out int value, out string error) =>
        {
            if (!Units.TryParsePercent(text, out value, out error)) return false;
            return Check(value is >= 0 and <= 1_000_000, out error, text.Trim(), "a percentage from 0% to 100%");
        });

    /// <summary>A YAML boolean, spelt true or false.</summary>
    public static ValueKind<bool> Boolean { get; } = new("true or false",
        (string text, out bool value, out string error) =>
        {
            var word = text.Trim();
            value = word == "true";
            return Check(word is "true" or "false", out error, $"'{word}'", "true or false");
        });

    /// <summary>One word of a fixed list; a near miss is suggested.</summary>
    public static ValueKind<string> OneOf(params string[] words)
    {
        var expected = Either(words);
        return new(expected, (string text, out string value, out string error) =>
        {
            value = text.Trim();
            if (Array.IndexOf(words, value) >= 0) { error = ""; return true; }
            var near = NearMiss.Find(value, words);
            error = near is null
                ? $"'{value}' is not allowed; use {expected}"
                : $"'{value}' is not allowed; did you mean '{near}'? (use {expected})";
            return false;
        });
    }

    /// <summary>A server's, client group's or attacker's name: [a-z][a-z0-9_-]*, at most 63 characters.</summary>
    public static ValueKind<string> Name { get; } = new(
        "a name of lowercase letters, digits, '_' and '-', starting with a letter",
        (string text, out string value, out string error) =>
        {
            value = text.Trim();
            bool ok = value.Length is > 0 and <= 63 && char.IsAsciiLetterLower(value[0])
                      && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
            return Check(ok, out error, $"'{value}'",
                "a name of lowercase letters, digits, '_' and '-', starting with a letter (at most 63)");
        });

    /// <summary>A reference to a name (a target, a path's end): any word; whether it names something is checked
    /// later.</summary>
    public static ValueKind<string> Reference { get; } = new("a name",
        (string text, out string value, out string error) =>
        {
            value = text.Trim();
            error = value.Length == 0 ? "has no value; use a name" : "";
            return value.Length > 0;
        });

    public static ValueKind<uint> Address { get; } = new("an IPv4 address such as 10.0.1.10",
        (string text, out uint value, out string error) =>
            Check(Ipv4.TryParse(text.Trim(), out value), out error, $"'{text.Trim()}'",
                "an IPv4 address such as 10.0.1.10"));

    /// <summary>A single address or a CIDR block, at most maxCount addresses.</summary>
    public static ValueKind<AddressRange> Addresses(int maxCount)
    {
        int maxPrefix = 32 - System.Numerics.BitOperations.Log2((uint)maxCount);
        var expected = "an IPv4 address or a CIDR block such as 10.0.0.0/24, "
                       + $"at most {N(maxCount)} addresses (a /{maxPrefix})";
        return new(expected, (string text, out AddressRange value, out string error) =>
        {
            value = default;
            var t = text.Trim();
            var slash = t.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? t : t[..slash];
            int prefix = 32;
            if (!Ipv4.TryParse(addressText, out var address)
                || slash >= 0 && (!int.TryParse(t[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture,
                    out prefix) || prefix > 32))
                return Refuse(out error, $"'{t}'", expected);
            long count = 1L << (32 - prefix);
            if (count > maxCount)
            {
                error = $"{t} is {N(count)} addresses; use at most {N(maxCount)} (a /{maxPrefix} or longer prefix)";
                return false;
            }
            uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
            if ((address & ~mask) != 0)
            {
                error = $"{t} has host bits set; did you mean {Ipv4.Format(address & mask)}/{prefix}?";
                return false;
            }
            value = new AddressRange(address, (int)count);
            error = "";
            return true;
        });
    }

    public static ValueKind<Pacing> Speed { get; } = new("max, or a factor above 0 (1 is wall time)",
        (string text, out Pacing value, out string error) =>
        {
            value = Pacing.Max;
            var t = text.Trim();
            if (t == "max") { error = ""; return true; }
            if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f > 0
                && double.IsFinite(f))
            {
                value = new Pacing(f);
                error = "";
                return true;
            }
            return Refuse(out error, $"'{t}'", "max, or a factor above 0 (1 is wall time, 10 is ten times faster)");
        });

    public static string Either(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static bool Check(bool ok, out string error, string shown, string expected)
    {
        error = ok ? "" : $"{shown} is not allowed; use {expected}";
        return ok;
    }

    private static bool Refuse(out string error, string shown, string expected)
    {
        error = $"{shown} is not allowed; use {expected}";
        return false;
    }
}
