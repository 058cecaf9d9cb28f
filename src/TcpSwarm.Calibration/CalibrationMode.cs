namespace TcpSwarm.Calibration;

/// <summary>Full (the kernel's own retry counts, about two and a half minutes) or quick (lowered retries inside the
/// namespaces and a shorter TIME_WAIT run, under two minutes). The lowered values go to the simulator as well,
/// because it reads the namespaces' sysctls back.</summary>
public sealed record CalibrationMode(bool Quick)
{
    /// <summary>tcp_synack_retries for the SYN-ACK schedule: 2 gives resends at 1 and 3 s, the request gone at 7 s.
    /// </summary>
    public int? SynackRetries => Quick ? 2 : null;

    /// <summary>tcp_syn_retries for the SYN schedule: with 4 linear timeouts, 2 stops at 7 s instead of 131 s.
    /// </summary>
    public int? SynRetries => Quick ? 2 : null;

    /// <summary>tcp_syn_retries for the blocked clients of the backlog experiment: each gives up after 3 SYNs.
    /// </summary>
    public int? BacklogSynRetries => Quick ? 1 : null;

    /// <summary>tcp_synack_retries for the SYN bursts: 3 (or more) is needed for pruning to show, since its floor is 2.
    /// </summary>
    public int? BurstSynackRetries => Quick ? 3 : null;

    /// <summary>How long the TIME_WAIT experiment keeps closing connections.</summary>
    public TimeSpan ClosingFor => TimeSpan.FromSeconds(Quick ? 10 : 50);
}
