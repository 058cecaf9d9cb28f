namespace TcpSwarm.Cli.Output;

/// <summary>Entries written as one JSON object keyed by name, in the order given (never a dictionary's order).
/// </summary>
internal sealed record NamedMap<T>(IReadOnlyList<KeyValuePair<string, T>> Entries);
