using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration.Tests;

/// <summary>The side-by-side table: a row is within its band or marked DIFF, and the verdict counts them.</summary>
public sealed class TableTests
{
    private static readonly Tolerance Late = new(0.002, 0.036, "timer wheel, 1 timers");

    [Theory]
    [InlineData(1.036, true)]
    [InlineData(1.037, false)]
    [InlineData(0.998, true)]
    [InlineData(0.997, false)]
    public void A_timed_row_is_within_when_the_kernel_is_at_most_the_band_late_or_early(double kernel, bool within) =>
        Assert.Equal(within, new CalibrationRow("e", "q", kernel, 1.0, "s", Late).Within);

    [Fact]
    public void A_missing_value_is_never_within()
    {
        Assert.False(new CalibrationRow("e", "SYN 6", double.NaN, 7, "s", Late).Within);
        Assert.False(new CalibrationRow("e", "SYN 6", 7, double.NaN, "s", Late).Within);
    }

    [Fact]
    public void The_table_aligns_its_columns_marks_each_row_and_says_how_many_are_apart()
    {
        var output = new StringWriter { NewLine = "\n" };
        CalibrationTable.Write(
        [
            new CalibrationRow("syn-offsets", "SYN 1 after the first", 1.023, 1, "s", Late),
            new CalibrationRow("syn-offsets", "SYNs sent", 6, 7, "", Tolerance.Exact),
            new CalibrationRow("time-wait", "growth rate", 19.89, 20, "/s", Tolerance.Symmetric(0.33, "counting")),
        ], output);

        var lines = output.ToString().Split('\n');
        Assert.Equal("experiment   quantity                kernel  simulator  difference           tolerance        "
                     + "why", lines[0]);
        Assert.Equal("syn-offsets  SYN 1 after the first  1.023 s    1.000 s    +0.023 s  -0.002 s..+0.036 s  ok    "
                     + "timer wheel, 1 timers", lines[1]);
        Assert.Equal("syn-offsets  SYNs sent                    6          7          -1                   0  DIFF  "
                     + "exact count", lines[2]);
        Assert.Equal("time-wait    growth rate            19.89/s    20.00/s     -0.11/s             ±0.33/s  ok    "
                     + "counting", lines[3]);
        Assert.Equal("1 of 3 rows beyond tolerance (marked DIFF).", lines[5]);
    }

    [Fact]
    public void An_untrusted_row_says_why_and_counts_as_neither_agreement_nor_disagreement()
    {
        var untrusted = new CalibrationRow("time-wait", "first gone", 61.5, 60, "s", Late)
        { Untrusted = "timer latency p99 400 ms" };
        var output = new StringWriter { NewLine = "\n" };
        CalibrationTable.Write([new CalibrationRow("syn-offsets", "SYNs sent", 7, 7, "", Tolerance.Exact), untrusted],
            output);

        Assert.False(untrusted.Within);
        Assert.False(untrusted.Disagrees);
        var lines = output.ToString().Split('\n');
        Assert.EndsWith("  untrusted  untrusted timing: timer latency p99 400 ms", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("1 of 2 rows within tolerance; 1 untrusted", lines[4], StringComparison.Ordinal);
    }
}
