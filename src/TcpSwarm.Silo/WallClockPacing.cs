using System.Diagnostics;
using TcpSwarm.Grains;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Silo;

/// <summary>Paces runs to their scenario's speed against this silo's wall clock: the only place a silo lets the wall
/// clock near a run, and it changes when windows run, never what they compute.</summary>
public sealed class WallClockPacing : IRunPacing
{
    public IRunObserver For(Scenario scenario) => new Pacer(scenario);

    private sealed class Pacer(Scenario scenario) : IRunObserver
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();

        // speed: 1 means virtual time runs no faster than wall time; when the machine cannot keep up it simply lags.
        public async ValueTask PaceAsync(TimeSpan virtualNow)
        {
            if (scenario.Speed.IsMax) return;
            var due = TimeSpan.FromTicks((long)(virtualNow.Ticks / scenario.Speed.Factor));
            var ahead = due - _wall.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1)) await Task.Delay(ahead);
        }

        public void Sampled(RunSample sample) { }
    }
}
