namespace TcpSwarm.TestSupport.Ladders;

/// <summary>What the applications do by themselves when a <see cref="Wire.Session"/> is set.</summary>
/// <param name="RequestBytes">The client writes this once connected.</param>
/// <param name="ResponseBytes">The server writes this once it has read the whole request.</param>
/// <param name="ServerCloses">The server closes after its response; otherwise the client closes after reading
/// it.</param>
/// <param name="Reconnect">The client connects again as soon as a connection ends (closed loop), up to
/// MaxConnects.</param>
public sealed record Session(int RequestBytes, int ResponseBytes, bool ServerCloses = false, bool Reconnect = false,
    int MaxConnects = int.MaxValue);
