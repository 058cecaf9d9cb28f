using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Where windows end: at every multiple of the lookahead L, every sampling instant and the run's end, all
/// counted from 0. A fixed grid, so every partition cuts virtual time the same way without asking any other.</summary>
/// <remarks>What a host does in a window depends on where the window ends (a wake-up inside it joins the next round,
/// one after it waits for a later window), so the windows must not depend on anything but virtual time: not on which
/// partition runs first, how far a peer has got, or where another partition's next event is.</remarks>
public sealed class WindowGrid
{
    private readonly long _lookahead, _sampleInterval;

    public WindowGrid(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _lookahead = scenario.Lookahead.Ticks * 100;
        _sampleInterval = scenario.SampleInterval.Ticks * 100;
        End = Instant.FromSeconds(scenario.Duration.TotalSeconds);
    }

    /// <summary>The run's end: no window goes past it.</summary>
    public Instant End { get; }

    /// <summary>The end of the window that holds <paramref name="at"/> (the next boundary strictly after it).
    /// </summary>
    public Instant WindowEndAfter(Instant at)
    {
        long t = at.Nanoseconds;
        long next = Math.Min(NextMultiple(t, _lookahead), NextMultiple(t, _sampleInterval));
        return Instant.Min(new Instant(next), End);
    }

    /// <summary>The first sampling instant strictly after <paramref name="at"/>.</summary>
    public Instant SampleAfter(Instant at) => new(NextMultiple(at.Nanoseconds, _sampleInterval));

    // The smallest multiple of step above t (t >= 0).
    private static long NextMultiple(long t, long step) => (t / step + 1) * step;
}
