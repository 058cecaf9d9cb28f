namespace TcpSwarm.Cli.Display;

/// <summary>Windows and events per wall second, from successive progress snapshots at least a second apart.
/// </summary>
internal sealed class RateMeter(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private long _stamp = clock.GetTimestamp();
    private long _windows;
    private long _events;

    public double WindowsPerSecond { get; private set; } = double.NaN;

    public double EventsPerSecond { get; private set; } = double.NaN;

    public void Sample(long windows, long events)
    {
        var now = clock.GetTimestamp();
        var seconds = clock.GetElapsedTime(_stamp, now).TotalSeconds;
        if (seconds <= 0) return;
        // Until a full second has passed, the rate since the start; after that, over the last second or more.
        if (double.IsNaN(WindowsPerSecond) || seconds >= 1)
        {
            WindowsPerSecond = (windows - _windows) / seconds;
            EventsPerSecond = (events - _events) / seconds;
        }
        if (seconds < 1) return;
        (_stamp, _windows, _events) = (now, windows, events);
    }

    /// <summary>Wall time since the meter was made (the run's start).</summary>
    public TimeSpan Elapsed => clock.GetElapsedTime(_started);

    /// <summary>"wall 12.0s, about 36.0s left": the rest at the pace so far (virtual time per wall second); no
    /// estimate before any virtual time has passed.</summary>
    public string WallTime(TimeSpan virtualTime, TimeSpan duration)
    {
        var elapsed = Elapsed.TotalSeconds;
        var text = "wall " + Numbers.Seconds(elapsed);
        if (virtualTime <= TimeSpan.Zero || elapsed <= 0) return text + ", time left unknown yet";
        var left = elapsed * Math.Max(0, (duration - virtualTime) / virtualTime);
        return text + ", about " + Numbers.Seconds(left) + " left";
    }
}
