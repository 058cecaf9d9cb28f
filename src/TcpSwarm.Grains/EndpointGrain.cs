using System.Runtime.InteropServices;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around an <see cref="EndpointRuntime"/>: the Tcb and the application of one slot, for one
/// connection after another; deactivated while its socket is parked with its host.</summary>
[RunPlacement]
public sealed class EndpointGrain(RunRegistry runs) : Grain, IEndpointGrain
{
    private EndpointRuntime? _runtime;

    public Task RunAsync(Handover<EndpointWork> work)
    {
        var w = work.Work;
        Exception? failure = null;
        try
        {
            if (w.Park)
            {
                w.Runtime = _runtime;                             // the host keeps the socket while we are gone
                _runtime = null;
                DeactivateOnIdle();
            }
            else
            {
                _runtime ??= w.Runtime ?? New();
                w.Runtime = null;
                _runtime.Run(CollectionsMarshal.AsSpan(w.Inputs), in w.Start, w.Output);
            }
        }
        catch (Exception e)
        {
            failure = e;                                          // the host throws it: a one-way call would drop it
        }
        work.Done(failure);
        return Task.CompletedTask;
    }

    private EndpointRuntime New()
    {
        var (run, _, _) = GrainKeys.Parse(this.GetPrimaryKeyString());
        return new EndpointRuntime(runs.Get(run).Scenario.Profile);
    }
}
