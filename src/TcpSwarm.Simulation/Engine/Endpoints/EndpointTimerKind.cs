namespace TcpSwarm.Simulation.Engine;

/// <summary>A Tcb timer, or the application's (think time, response delay).</summary>
public enum EndpointTimerKind : byte { Retransmit, DelayedAck, FinWait2, App }
