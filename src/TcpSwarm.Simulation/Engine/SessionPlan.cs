using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The application's script for one connection, seen from either side: requests, response, who closes and how.</summary>
/// <param name="Client">This endpoint plays the client (it connected); otherwise the server.</param>
/// <param name="Group">Index of the client group (in the scenario's order), for the books.</param>
/// <param name="Server">Index of the server, for the books.</param>
public readonly record struct SessionPlan(
    bool Client, int Group, int Server, long RequestBytes, int Requests, TimeSpan Think, long ResponseBytes,
    TimeSpan ResponseDelay, Closer Closes, CloseKind Close)
{
    public static SessionPlan For(bool client, int group, int server, SessionSpec session, ServerSpec target) =>
        new(client, group, server, session.RequestBytes, session.Requests, session.Think, target.ResponseBytes,
            target.ResponseDelay, session.Closes, session.Close);
}
