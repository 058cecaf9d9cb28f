using System.Diagnostics;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>The only place a run meets the wall clock: pacing to the scenario's speed, and the speed it reports.</summary>
/// <param name="metrics">Hears every sample with the run's wall time, for the metrics export (issue 4).</param>
public sealed class WallClockObserver(Scenario scenario, IProgress<RunProgress>? progress,
    TcpSwarmMetrics? metrics = null) : IRunObserver
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _lastWall, _lastVirtual;

    public TimeSpan Elapsed => _wall.Elapsed;

    // speed: 1 means virtual time runs no faster than wall time; when the machine cannot keep up it simply lags.
    public async ValueTask PaceAsync(TimeSpan virtualNow)
    {
        if (scenario.Speed.IsMax) return;
        var due = TimeSpan.FromTicks((long)(virtualNow.Ticks / scenario.Speed.Factor));
        var ahead = due - _wall.Elapsed;
        if (ahead > TimeSpan.FromMilliseconds(1)) await Task.Delay(ahead);
    }

    public void Sampled(RunSample sample)
    {
        var wall = _wall.Elapsed;
        var wallStep = (wall - _lastWall).TotalSeconds;
        double speed = wallStep > 0 ? (sample.VirtualTime - _lastVirtual).TotalSeconds / wallStep : 0;
        _lastWall = wall;
        _lastVirtual = sample.VirtualTime;
        progress?.Report(RunProgressBuilder.From(scenario, sample, speed));
        metrics?.Observe(scenario, sample, wall);
    }
}
