using System.Net;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>One line of `ss -Htan`.</summary>
internal sealed record SocketRow(string State, IPEndPoint Local, IPEndPoint Peer);
