using TcpSwarm.Calibration.Kernel;

namespace TcpSwarm.Calibration.Tests;

/// <summary>The tolerance of every timed row: how late kernel/time/timer.c may fire a timer, level by level.</summary>
public sealed class TimerWheelTests
{
    // At HZ 250 (4 ms jiffies): level 0 below 63 jiffies, 1 below 504, 2 below 4032, 3 below 32256, granularities
    // 1, 8, 64 and 512 jiffies; one jiffy more for a timer armed between two ticks.
    [Theory]
    [InlineData(250, 0.2, 0.008)]        // 50 jiffies, level 0
    [InlineData(250, 1, 0.036)]          // 250 jiffies, level 1: 8 + 1 jiffies
    [InlineData(250, 2, 0.036)]          // 500, still level 1
    [InlineData(250, 4, 0.26)]           // 1000, level 2: 64 + 1
    [InlineData(250, 16, 0.26)]          // 4000 < 4032, level 2
    [InlineData(250, 32, 2.052)]         // 8000, level 3: 512 + 1
    [InlineData(250, 60, 2.052)]         // TIME_WAIT: 15000, level 3
    [InlineData(1000, 1, 0.065)]         // HZ 1000: 1000 jiffies, level 2
    [InlineData(1000, 64, 4.097)]        // 64000, level 4: 4096 + 1 (the 67 s SYN seen near 69 s)
    [InlineData(100, 1, 0.09)]           // HZ 100: 100 jiffies, level 1
    public void A_timer_fires_at_most_one_granularity_of_its_level_and_a_jiffy_late(int hz, double seconds,
        double late) =>
        Assert.Equal(late, new TimerWheel(hz).MaxLateness(TimeSpan.FromSeconds(seconds)).TotalSeconds, 9);

    [Fact]
    public void A_chain_of_timers_each_armed_when_the_last_fired_adds_up_its_lateness()
    {
        var wheel = new TimerWheel(250);
        TimeSpan[] synAcks = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
        Assert.Equal(0.036 + 0.036 + 0.26, wheel.MaxLateness(synAcks).TotalSeconds, 9);
    }
}
