namespace TcpSwarm.Tcp;

/// <summary>How tcp_twsk_unique decides a TIME_WAIT 4-tuple is old enough for connect() to take over.</summary>
public enum TwReuseClock : byte
{
    /// <summary>Recent kernels: the record is older than tcp_tw_reuse_delay (ms) since it entered TIME_WAIT.</summary>
    DelaySinceEntry,
    /// <summary>Older kernels: the seconds clock has moved past the second of the last timestamp seen.</summary>
    SecondAfterLastTimestamp,
}
