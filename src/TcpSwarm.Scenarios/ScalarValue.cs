namespace TcpSwarm.Scenarios;

/// <summary>A scalar to read: its text, where it came from and the field to name in a problem.</summary>
internal sealed record ScalarValue(string Text, Spot At, string Field);
