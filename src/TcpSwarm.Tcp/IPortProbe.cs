namespace TcpSwarm.Tcp;

/// <summary>Asks the host about one port during the scan; a struct, so the scan inlines it and allocates
/// nothing.</summary>
public interface IPortProbe
{
    PortVerdict Probe(ushort port);
}
