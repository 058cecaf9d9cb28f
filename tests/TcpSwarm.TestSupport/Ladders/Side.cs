namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Which end of a <see cref="TcbWire"/>.</summary>
public enum Side { Client, Server }
