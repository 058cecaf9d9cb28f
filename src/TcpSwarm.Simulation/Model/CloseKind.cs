namespace TcpSwarm.Simulation.Model;

/// <summary>How the closer closes: close() sends a FIN; SO_LINGER 0 then close() sends a RST, no TIME_WAIT.</summary>
public enum CloseKind : byte
{
    Fin,
    Rst,
}
