using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Display;

/// <summary>Progress when stdout is not a terminal: one plain line at most once per wall second, for logs.</summary>
internal sealed class ProgressLines(TextWriter output, TimeProvider clock) : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private readonly RateMeter _rates = new(clock);
    private long _printedAt;
    private bool _printed;

    public void Report(RunProgress value)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_printed && clock.GetElapsedTime(_printedAt, now) < TimeSpan.FromSeconds(1)) return;
            _rates.Sample(value.Windows, value.Events);
            output.WriteLine(Line(value, _rates));
            output.Flush();
            (_printed, _printedAt) = (true, now);
        }
    }

    public static string Line(RunProgress p, RateMeter rates)
    {
        var o = p.Outcomes;
        long connections = 0, drops = 0;
        foreach (var count in p.StateCounts) connections += count;
        foreach (var drop in p.Drops) drops += drop.Value;
        return $"progress {Numbers.Seconds(p.VirtualTime.TotalSeconds)}/{Numbers.Seconds(p.Duration.TotalSeconds)} "
               + $"{Numbers.Share(p.VirtualTime.Ticks, p.Duration.Ticks)}  "
               + $"{rates.WallTime(p.VirtualTime, p.Duration)}  speed {Numbers.Fixed(p.Speed, 2)}x  "
               + $"windows/s {Numbers.Rate(rates.WindowsPerSecond)}  "
               + $"events/s {Numbers.Rate(rates.EventsPerSecond)}  sockets {Numbers.Count(connections)}  "
               + $"attempts {Numbers.Count(p.Attempts)}: completed {Numbers.Count(o.Completed)}, "
               + $"refused {Numbers.Count(o.Refused)}, reset {Numbers.Count(o.Reset)}, "
               + $"timed_out {Numbers.Count(o.TimedOut)}, port_exhausted {Numbers.Count(o.PortExhausted)}, "
               + $"open {Numbers.Count(o.Open)}  time_wait {Numbers.Count(p.TimeWait)}  "
               + $"ports {Numbers.Count(p.PortsInUse)}  drops {Numbers.Count(drops)}"
               + (p.CookiesSent > 0 ? $"  cookies sent {Numbers.Count(p.CookiesSent)}" : "");
    }
}
