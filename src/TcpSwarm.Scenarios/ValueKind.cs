namespace TcpSwarm.Scenarios;

/// <summary>What a field holds, in words for messages ("an integer from 1 to 65535"), and how to parse it.</summary>
internal sealed class ValueKind<T>(string expected, ValueParser<T> parse)
{
    public string Expected { get; } = expected;

    public bool TryParse(string text, out T value, out string error) => parse(text, out value, out error);
}
