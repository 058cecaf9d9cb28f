namespace TcpSwarm.Simulation.Model;

/// <summary>Which side closes first: the active closer, which holds TIME_WAIT after a FIN close.</summary>
public enum Closer : byte
{
    Client,
    Server,
}
