namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Which end of a <see cref="Ladder"/>: the client (side 0 of its <see cref="Wire"/>) or the server (side
/// 1).</summary>
public enum Side { Client, Server }
