namespace TcpSwarm.Cli.Tests;

/// <summary>The memory watch stops a run once its working set passes 80% of the machine's memory, and tells that
/// apart from Ctrl-C.</summary>
public sealed class MemoryWatchTests
{
    [Fact]
    public async Task A_working_set_past_80_percent_stops_the_run_and_says_so()
    {
        long workingSet = 700;
        using var outer = new CancellationTokenSource();
        using var watch = new MemoryWatch(1_000, outer.Token, () => Interlocked.Read(ref workingSet),
            TimeSpan.FromMilliseconds(5));

        Assert.Equal(800, watch.ThresholdBytes);
        Interlocked.Exchange(ref workingSet, 801);
        await Task.Delay(Timeout.Infinite, watch.Token).ContinueWith(_ => { }, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(watch.Tripped);
        Assert.Equal(801, watch.SeenBytes);
        Assert.False(outer.IsCancellationRequested);
    }

    [Fact]
    public void Ctrl_c_stops_the_run_through_the_watch_without_tripping_it()
    {
        using var outer = new CancellationTokenSource();
        using var watch = new MemoryWatch(1_000, outer.Token, () => 0, TimeSpan.FromMilliseconds(5));

        outer.Cancel();

        Assert.True(watch.Token.IsCancellationRequested);
        Assert.False(watch.Tripped);
    }
}
