using System.Net;

namespace TcpSwarm.Silo;

/// <summary>One silo process: its cluster, its ports, the address it advertises, and how fast a lost peer is noticed.
/// </summary>
/// <param name="Advertise">The address other silos and clients reach this one at; null: 127.0.0.1, and the silo and
/// gateway ports bind to 127.0.0.1 only. Given: they bind to every interface (a container's).</param>
/// <param name="ProbeTimeout">Membership's probe timeout; null: Orleans' default. Shorter notices a lost silo
/// sooner.</param>
public sealed record SiloSettings(ClusterSettings Cluster, int SiloPort, int GatewayPort, IPAddress? Advertise,
    TimeSpan? ProbeTimeout);
