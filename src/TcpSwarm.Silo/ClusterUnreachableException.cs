namespace TcpSwarm.Silo;

/// <summary>The cluster's membership cannot be reached: nothing ran (exit 3).</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
