namespace TcpSwarm.Simulation.Paths;

/// <summary>The directions of a route, from the client group's or attacker's side to the server's and back.</summary>
[Flags]
internal enum RouteDirections : byte
{
    None = 0,
    ToServer = 1,
    FromServer = 2,
    Both = ToServer | FromServer,
}
