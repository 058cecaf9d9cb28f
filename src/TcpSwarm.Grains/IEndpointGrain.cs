using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>One full-socket slot of a host: a Tcb and its application, for one connection at a time.</summary>
[Alias("TcpSwarm.IEndpointGrain")]
public interface IEndpointGrain : IGrainWithStringKey
{
    [Alias("Run")]
    Task RunAsync(Immutable<EndpointWork> work);
}
