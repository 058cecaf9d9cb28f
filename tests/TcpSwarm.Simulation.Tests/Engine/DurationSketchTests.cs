using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>The quantile sketch keeps three significant digits of a microsecond: read back at most 1% (or under
/// 1 µs) low, never high; nearest-rank quantiles over several hosts' sketches; the max exact.</summary>
public sealed class DurationSketchTests
{
    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(999L, 999L)]
    [InlineData(1_000L, 1_000L)]
    [InlineData(12_345L, 12_300L)]
    [InlineData(20_000L, 20_000L)]
    [InlineData(999_999L, 999_000L)]
    [InlineData(1_020_000L, 1_020_000L)]
    [InlineData(3_000_001L, 3_000_000L)]
    [InlineData(131_000_000_000L, 131_000_000_000L)]
    public void A_duration_is_read_back_at_three_significant_digits(long micros, long readBack) =>
        Assert.Equal(readBack, DurationSketch.MicrosOf(DurationSketch.IndexOf(micros)));

    [Fact]
    public void Every_value_is_read_back_at_most_one_percent_low_and_never_high()
    {
        for (long micros = 0; micros < 50_000_000; micros = micros * 21 / 20 + 1)
        {
            long back = DurationSketch.MicrosOf(DurationSketch.IndexOf(micros));
            Assert.InRange(back, micros - Math.Max(0, micros / 100), micros);
        }
    }

    [Fact]
    public void Quantiles_are_nearest_rank_over_the_hosts_added_up()
    {
        var a = new DurationSketch();
        var b = new DurationSketch();
        for (int i = 1; i <= 60; i++) a.Record(TimeSpan.FromMilliseconds(i));      // 1..60 ms on one host
        for (int i = 61; i <= 100; i++) b.Record(TimeSpan.FromMilliseconds(i));    // 61..100 ms on another
        var total = new SketchTotal();
        total.Add(a.Snapshot(), a.MaxNanoseconds);
        total.Add(b.Snapshot(), b.MaxNanoseconds);

        Assert.Equal(100, total.Count);
        Assert.Equal(50, total.QuantileMs(0.5));
        Assert.Equal(90, total.QuantileMs(0.9));
        Assert.Equal(99, total.QuantileMs(0.99));
        Assert.Equal(100, total.MaxMs);
        Assert.Null(new SketchTotal().QuantileMs(0.5));
    }
}
