namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Which way a segment crosses the wire in a ladder diagram.</summary>
public enum Dir { C2S, S2C }
