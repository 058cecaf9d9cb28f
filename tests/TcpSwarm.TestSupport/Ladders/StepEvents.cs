using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>What one step of a side meant to its application, and when.</summary>
public readonly record struct StepEvents(long AtMs, TcbEvents Events, TcpError Error);
