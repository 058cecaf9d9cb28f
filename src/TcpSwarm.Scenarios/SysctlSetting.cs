namespace TcpSwarm.Scenarios;

/// <summary>One `key = value` line of a sysctl file.</summary>
/// <param name="Name">The key, with '/' read as '.'.</param>
/// <param name="Value">The value, each run of spaces and tabs made one space (ip_local_port_range prints a tab).
/// </param>
/// <param name="Line">1-based.</param>
/// <param name="KeyColumn">1-based column of the key.</param>
/// <param name="ValueColumn">1-based column of the value (the end of the line when the value is empty).</param>
public sealed record SysctlSetting(string Name, string Value, int Line, int KeyColumn, int ValueColumn);
