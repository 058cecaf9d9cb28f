using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>One full-socket slot of a host: a Tcb and its application, for one connection at a time.</summary>
[Alias("TcpSwarm.IEndpointGrain")]
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>Runs the work's inputs; one way: the grain tells the work's <see cref="EndpointWork.Done"/>.</summary>
    [Alias("Run"), OneWay]
    Task RunAsync(Immutable<EndpointWork> work);
}
