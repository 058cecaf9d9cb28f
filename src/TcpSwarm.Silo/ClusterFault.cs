namespace TcpSwarm.Silo;

/// <summary>Why a cluster cannot go on with a run, in words for the user, and the silo lost when one was.</summary>
/// <param name="Cause">What happened, in a sentence without a full stop: "silo X left the cluster", "Redis at X
/// stopped answering".</param>
/// <param name="LostSilo">The silo that left or stopped answering, when it was one silo; null otherwise.</param>
public sealed record ClusterFault(string Cause, string? LostSilo = null);
