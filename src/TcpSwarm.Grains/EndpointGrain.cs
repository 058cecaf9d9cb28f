using System.Runtime.InteropServices;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around an <see cref="EndpointRuntime"/>: the Tcb and the application of one slot.</summary>
[RunPlacement]
public sealed class EndpointGrain(RunRegistry runs) : Grain, IEndpointGrain
{
    private EndpointRuntime? _runtime;

    public Task RunAsync(Immutable<EndpointWork> work)
    {
        var w = work.Value;
        Exception? failure = null;
        try
        {
            if (_runtime is null)
            {
                var (run, _, _) = GrainKeys.Parse(this.GetPrimaryKeyString());
                _runtime = new EndpointRuntime(runs.Get(run).Scenario.Profile);
            }
            _runtime.Run(CollectionsMarshal.AsSpan(w.Inputs), w.Output);
        }
        catch (Exception e)
        {
            failure = e;                                          // the host throws it: a one-way call would drop it
        }
        w.Done!.Done(failure);
        return Task.CompletedTask;
    }
}
