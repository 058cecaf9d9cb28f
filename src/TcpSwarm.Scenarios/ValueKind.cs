namespace TcpSwarm.Scenarios;

/// <summary>Parses one scalar's text; on failure, says what is wrong and what is allowed.</summary>
internal delegate bool ValueParser<T>(string text, out T value, out string error);

/// <summary>What a field holds, in words for messages ("an integer from 1 to 65535"), and how to parse it.</summary>
internal sealed class ValueKind<T>(string expected, ValueParser<T> parse)
{
    public string Expected { get; } = expected;

    public bool TryParse(string text, out T value, out string error) => parse(text, out value, out error);
}
