namespace TcpSwarm.Simulation.Engine;

/// <summary>Not ended, handed to TIME_WAIT, or closed.</summary>
public enum EndpointEndKind : byte { None, TimeWait, Closed }
