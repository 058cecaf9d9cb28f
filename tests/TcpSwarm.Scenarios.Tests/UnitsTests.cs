using CsCheck;

namespace TcpSwarm.Scenarios.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("2min", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("250us", 2500)]
    [InlineData(" 10 s ", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1_000ms", TimeSpan.TicksPerSecond)]
    [InlineData("0", 0)]
    [InlineData("-5s", -5 * TimeSpan.TicksPerSecond)]
    public void A_duration_carries_its_unit(string text, long ticks)
    {
        Assert.True(Units.TryParseDuration(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("60", "'60' needs a unit: 60ms, 60s or 60m")]
    [InlineData("10 parsecs", "'10 parsecs' is not a duration")]
    [InlineData("1e3s", "'1e3s' is not a duration")]
    [InlineData("", "'' is not a duration")]
    [InlineData("s", "'s' is not a duration")]
    [InlineData("1.s", "'1.s' is not a duration")]
    [InlineData("1__0s", "'1__0s' is not a duration")]
    public void A_duration_without_a_known_unit_is_refused_saying_what_to_write(string text, string start)
    {
        Assert.False(Units.TryParseDuration(text, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_duration_formats_to_text_that_parses_back_to_it()
    {
        Gen.Long[-100L * TimeSpan.TicksPerDay, 100L * TimeSpan.TicksPerDay].Sample(ticks =>
        {
            var text = Units.FormatDuration(TimeSpan.FromTicks(ticks));
            return Units.TryParseDuration(text, out var back, out _) && back.Ticks == ticks;
        });
    }

    [Theory]
    [InlineData("3000/s", 3000)]
    [InlineData("3/ms", 3000)]
    [InlineData("60/min", 1)]
    [InlineData("3600/h", 1)]
    [InlineData("0.5 / s", 0.5)]
    public void A_rate_is_events_per_unit_of_time(string text, double perSecond)
    {
        Assert.True(Units.TryParseRate(text, out var value, out var error), error);
        Assert.Equal(perSecond, value, 12);
    }

    [Theory]
    [InlineData("3000", "'3000' needs a unit: 3000/s")]
    [InlineData("3000/day", "'3000/day' is not a rate")]
    [InlineData("fast/s", "'fast/s' is not a rate")]
    public void A_rate_without_a_known_unit_is_refused(string text, string start)
    {
        Assert.False(Units.TryParseRate(text, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rate_formats_to_text_that_parses_back_to_it()
    {
        Gen.Double[0.001, 1e9].Sample(perSecond =>
        {
            var ok = Units.TryParseRate(Units.FormatRate(perSecond), out var back, out _);
            return ok && Math.Abs(back - perSecond) <= perSecond * 1e-15;
        });
        Gen.Int[1, 1_000_000].Sample(n =>
            Units.TryParseRate($"{n}/min", out var perMinute, out _) && Math.Abs(perMinute * 60 - n) <= n * 1e-14
            && Units.TryParseRate($"{n}/ms", out var perMs, out _) && perMs == n * 1000.0);
    }

    [Theory]
    [InlineData("200B", 200)]
    [InlineData("200", 200)]
    [InlineData("4KB", 4000)]
    [InlineData("4kb", 4000)]
    [InlineData("4KiB", 4096)]
    [InlineData("1MB", 1_000_000)]
    [InlineData("1MiB", 1_048_576)]
    [InlineData("1.5KB", 1500)]
    [InlineData("2 GiB", 2L << 30)]
    public void A_size_is_bytes_with_decimal_or_binary_multiples(string text, long bytes)
    {
        Assert.True(Units.TryParseBytes(text, out var value, out var error), error);
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("1.0005KB", "'1.0005KB' is not a whole number of bytes")]
    [InlineData("4 KBytes", "'4 KBytes' is not a size")]
    [InlineData("1.5", "'1.5' is not a whole number of bytes")]
    [InlineData("99999999999TiB", "'99999999999TiB' is too large a size")]
    public void A_size_that_is_not_a_whole_number_of_bytes_is_refused(string text, string start)
    {
        Assert.False(Units.TryParseBytes(text, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_size_formats_to_text_that_parses_back_to_it()
    {
        Gen.Long[0, 1L << 50].Sample(bytes =>
            Units.TryParseBytes(Units.FormatBytes(bytes), out var back, out _) && back == bytes);
        Gen.Int[0, 1 << 20].Sample(k =>
            Units.TryParseBytes($"{k}KiB", out var kib, out _) && kib == k * 1024L
            && Units.TryParseBytes($"{k}KB", out var kb, out _) && kb == k * 1000L);
    }

    [Theory]
    [InlineData("1%", 10_000)]
    [InlineData("0.5%", 5_000)]
    [InlineData("100%", 1_000_000)]
    [InlineData("0.0001%", 1)]
    [InlineData("50ppm", 50)]
    [InlineData("0%", 0)]
    public void A_percentage_is_parts_per_million(string text, int ppm)
    {
        Assert.True(Units.TryParsePercent(text, out var value, out var error), error);
        Assert.Equal(ppm, value);
    }

    [Theory]
    [InlineData("1", "'1' needs a unit: 1%")]
    [InlineData("0.00001%", "'0.00001%' is finer than 1 ppm (0.0001%)")]
    [InlineData("1 percent", "'1 percent' is not a percentage")]
    public void A_percentage_without_its_sign_or_finer_than_a_ppm_is_refused(string text, string start)
    {
        Assert.False(Units.TryParsePercent(text, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_share_formats_to_text_that_parses_back_to_it()
    {
        Gen.Int[0, 1_000_000].Sample(ppm =>
            Units.TryParsePercent(Units.FormatPercent(ppm), out var back, out _) && back == ppm);
    }

    [Theory]
    [InlineData("backlg", "backlog")]
    [InlineData("sysctls", "sysctl")]
    [InlineData("resposne", "response")]
    [InlineData("linux-6.19", "linux-6.18")]
    [InlineData("Backlog", "backlog")]
    public void A_misspelt_key_finds_what_it_meant(string word, string meant)
    {
        Assert.Equal(meant, NearMiss.Find(word,
            ["name", "address", "port", "backlog", "response", "sysctl", "linux-6.18", "linux-6.1"]));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("linux-5.4")]
    public void A_word_far_from_every_candidate_finds_nothing(string word)
    {
        Assert.Null(NearMiss.Find(word, ["name", "address", "port", "backlog", "linux-6.18", "linux-6.1"]));
    }
}
