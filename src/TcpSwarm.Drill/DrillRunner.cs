using TcpSwarm.Drill.Run;
using TcpSwarm.Drill.Syntax;

namespace TcpSwarm.Drill;

/// <summary>Plays a parsed packetdrill script against the TCP model: the script is the remote peer (192.0.2.1), the
/// model the local stack (192.168.0.1, port 8080), in virtual time.</summary>
public static class DrillRunner
{
    public static DrillVerdict Run(Script script, DrillOptions options)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(options);
        return new Play(script, options).Run();
    }
}
