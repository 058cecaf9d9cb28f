namespace TcpSwarm.Silo;

/// <summary>Where a cluster's membership lives and what the cluster is called: a Redis server, or localhost
/// clustering on this machine (silos find the primary silo's port, clients the gateways' ports).</summary>
/// <param name="Redis">Redis membership; null for localhost clustering.</param>
/// <param name="ClusterId">Orleans' cluster id: silos and clients of one cluster share it.</param>
/// <param name="PrimaryPort">Localhost clustering: the silo port of the primary silo, on 127.0.0.1.</param>
/// <param name="Gateways">Localhost clustering, for a client: the gateway ports on 127.0.0.1.</param>
public sealed record ClusterSettings(RedisMembership? Redis, string ClusterId, int PrimaryPort = 11111,
    IReadOnlyList<int>? Gateways = null)
{
    /// <summary>The cluster id silos and clients take when none is given.</summary>
    public const string DefaultClusterId = "tcpswarm";

    /// <summary>How long a run waits by default for a silo, membership or Redis that does not answer.</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>For a run: how long a silo, membership or Redis may go without answering before the run stops
    /// (exit 3). Only a hang reaches it: a silo busy with a long window still answers within milliseconds.</summary>
    public TimeSpan AnswerTimeout { get; init; } = DefaultAnswerTimeout;

    /// <summary>Where membership lives, in words safe to print (no password).</summary>
    public string Describe() => Redis is { } r ? $"Redis at {r.Endpoints}" : "localhost clustering on 127.0.0.1";
}
