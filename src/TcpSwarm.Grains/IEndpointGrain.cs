using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>One full-socket slot of a host: a Tcb and its application, for one connection at a time.</summary>
[Alias("TcpSwarm.IEndpointGrain")]
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>Runs the work's inputs into its output, or parks (hands the runtime back); one way: the grain tells
    /// the handover's <see cref="Handover{T}.Done"/>.</summary>
    [Alias("Run"), OneWay]
    Task RunAsync(Handover<EndpointWork> work);
}
