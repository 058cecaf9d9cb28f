using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The application's script for one connection, seen from either side: requests, response, who closes and
/// how.</summary>
/// <param name="Client">This endpoint plays the client (it connected); otherwise the server.</param>
/// <param name="Group">Index of the client group (in the scenario's order), for the books.</param>
/// <param name="Server">Index of the server, for the books.</param>
/// <param name="CloseAfter">The closer's wait before it closes; null is at once.</param>
/// <param name="PassiveCloseAfter">The other side's wait after the closer's FIN; null is at once.</param>
/// <param name="Seed">The run's seed, keying the draws of those waits per connection.</param>
public readonly record struct SessionPlan(
    bool Client, int Group, int Server, long RequestBytes, int Requests, TimeSpan Think, long ResponseBytes,
    TimeSpan ResponseDelay, Closer Closes, CloseKind Close, DelaySpec? CloseAfter = null,
    DelaySpec? PassiveCloseAfter = null, ulong Seed = 0)
{
    public static SessionPlan For(bool client, int group, int server, SessionSpec session, ServerSpec target,
        ulong seed = 0) =>
        new(client, group, server, session.RequestBytes, session.Requests, session.Think, target.ResponseBytes,
            target.ResponseDelay, session.Closes, session.Close, session.CloseAfter, session.PassiveCloseAfter, seed);

    /// <summary>This endpoint's side is the one that closes first.</summary>
    public bool IsCloser => Client == (Closes == Closer.Client);
}
