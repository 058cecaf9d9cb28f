namespace TcpSwarm.Simulation.Engine;

/// <summary>The docs/outputs.md bucket of a client's attempt; None for a server-side socket.</summary>
public enum AttemptOutcome : byte { None, Completed, Refused, Reset, TimedOut, PortExhausted }
