namespace TcpSwarm.Simulation.Results;

/// <summary>How a run ended: done, interrupted (Ctrl-C), or the cluster failed (a silo lost, membership
/// gone).</summary>
public enum RunStatus { Completed, Interrupted, ClusterFailed }
