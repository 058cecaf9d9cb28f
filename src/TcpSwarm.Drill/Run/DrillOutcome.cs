namespace TcpSwarm.Drill.Run;

/// <summary>pass, fail or unsupported.</summary>
public enum DrillOutcome : byte { Pass, Fail, Unsupported }
