namespace TcpSwarm.Tcp;

/// <summary>Which table a <see cref="HostTimer"/> belongs to; None when a step touched no timer.</summary>
public enum HostTimerKind : byte { None, TimeWait, Request }
