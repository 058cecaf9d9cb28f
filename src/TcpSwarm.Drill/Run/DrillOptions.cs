using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

/// <summary>How a script is played: the local stack's profile and the timing tolerance (packetdrill's 4 ms default).
/// </summary>
public sealed record DrillOptions(TcpProfile Profile, long ToleranceUsecs = DrillOptions.DefaultToleranceUsecs)
{
    public const long DefaultToleranceUsecs = 4000;
}
