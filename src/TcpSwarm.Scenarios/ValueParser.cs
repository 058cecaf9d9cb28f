namespace TcpSwarm.Scenarios;

/// <summary>Parses one scalar's text; on failure, says what is wrong and what is allowed.</summary>
internal delegate bool ValueParser<T>(string text, out T value, out string error);
