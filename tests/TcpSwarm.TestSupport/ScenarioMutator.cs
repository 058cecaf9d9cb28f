using System.Text;
using System.Text.RegularExpressions;

namespace TcpSwarm.TestSupport;

/// <summary>Seeded mutations of a scenario's text, as a careless or hostile user might make them: lines deleted,
/// duplicated, swapped or re-indented; numbers made huge, negative, fractional or given odd units; control
/// characters, YAML's special marks, deep nesting, alias bombs and long values inserted; the text cut short; and
/// --set options with such values. The same seed gives the same variant.</summary>
public sealed partial class ScenarioMutator(int seed)
{
    private static readonly string[] Numbers =
    [
        "79228162514264337593543950335", "-79228162514264337593543950335", "0", "-0", "-1", "1", "0.5", "1.5",
        "0.00000000000000000000000000001", "0." + new string('0', 45) + "1", new string('9', 45),
        "18446744073709551616", "9223372036854775808", "2147483648", "4294967296", "1_000_000_000_000", "1e9",
        "0x10", "NaN", "Infinity", "1.", ".5", "1__0", "_1", "+5", "00001", "65536", "1000000000", "3.14159265358979",
    ];

    private static readonly string[] Units =
    [
        "", "h", "us", "µs", "ms", "s", "m", "min", "%", "ppm", "/s", "/ms", "/min", "/h", "B", "KiB", "TiB", "GB",
        "/0", "%%", " s", "d", "ns",
    ];

    private static readonly string[] Inserts =
    [
        "\0", "\u001b[2J", "\u0007", "\r", "\u202e", "\ufeff", "\t", "\u0085", "\u2028", "&a ", "*a", "<<: *a",
        "!!binary ", "!!int ", "? ", "---\n", "...\n", "%YAML 1.1\n", "{", "}", "[", "]", "|", ">", "\"\\u", "'", "#",
        ": ", "- ", ",", "~", "null", "&x [*x]", "*undefined", "!<tag:x> ", "\"\\x1b\"", "\n  ", "\ud800",
    ];

    private static readonly string[] SetKeys =
    [
        "duration", "seed", "speed", "time_wait", "sample_interval", "profile", "net.ipv4.tcp_syncookies",
        "net.ipv4.tcp_max_syn_backlog", "net.ipv4.ip_local_port_range", "net.core.somaxconn", "trace.sample",
        "trace.max", "servers.web.backlog", "servers.web.port", "servers.web.accept.rate", "servers.web.reuseport",
        "servers.web.response.bytes", "servers.web.response.delay", "clients.browsers.arrivals.poisson",
        "clients.browsers.session.think", "clients.browsers.session.requests", "clients.browsers.start",
        "attackers.flood.syn_rate", "attackers.flood.start", "attackers.flood.stop", "sysctl_file",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_synack_retries",
    ];

    private readonly Random _random = new(seed);

    /// <summary>One to three mutations of <paramref name="text"/>.</summary>
    public string Mutate(string text)
    {
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count; i++) text = MutateOnce(text);
        return text;
    }

    /// <summary>None to two --set options, each a key a scenario may have and a hostile or ordinary value.</summary>
    public List<(string Key, string Value)> Sets()
    {
        var sets = new List<(string, string)>();
        int count = _random.Next(4) == 0 ? 1 + _random.Next(2) : 0;
        for (int i = 0; i < count; i++) sets.Add((Pick(SetKeys), Pick(Numbers) + Pick(Units)));
        return sets;
    }

    private string MutateOnce(string text)
    {
        var lines = text.Split('\n').ToList();
        int at = _random.Next(lines.Count);
        switch (_random.Next(14))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[at]);
                break;
            case 2:
                int other = _random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 3:
                lines[at] = new string(' ', _random.Next(9)) + lines[at].TrimStart();
                break;
            case 4:
            case 5:
            case 6:
                lines[at] = ReplaceNumber(lines[at]);
                break;
            case 7:
                return Insert(text, Pick(Inserts));
            case 8:
                return text[.._random.Next(text.Length + 1)];
            case 9:
                return Nested(text);
            case 10:
                return text + AliasBomb();
            case 11:
                lines[at] = ReplaceValue(lines[at], new string(Pick(["a", "9", "[", "\u001b", "é"])[0],
                    _random.Next(1, 20_000)));
                break;
            case 12:
                lines[at] = ReplaceValue(lines[at], Pick(["{}", "[]", "~", "''", "{ a: 1 }", "[1, 2]", "*a", "|\n  x",
                    "10.0.0.0/0", "255.255.255.255", "0.0.0.0/8", "10.0.1.10", "web", "flood", "browsers"]));
                break;
            default:
                lines[at] = ReplaceValue(lines[at], Pick(Numbers) + Pick(Units));
                break;
        }
        return string.Join('\n', lines);
    }

    private string ReplaceNumber(string line)
    {
        var numbers = Number().Matches(line);
        if (numbers.Count == 0) return line;
        var m = numbers[_random.Next(numbers.Count)];
        var unit = _random.Next(3) == 0 ? Pick(Units) : "";
        return line[..m.Index] + Pick(Numbers) + unit + line[(m.Index + m.Length)..];
    }

    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line + value : line[..(colon + 2)] + value;
    }

    private string Insert(string text, string what)
    {
        int at = _random.Next(text.Length + 1);
        return text[..at] + what + text[at..];
    }

    private string Nested(string text)
    {
        int depth = _random.Next(4) == 0 ? _random.Next(10_000, 100_000) : _random.Next(1, 200);
        var open = Pick(["[", "{a: ", "- ", "[{b: "]);
        var nesting = new StringBuilder();
        if (open == "- ")
            for (int i = 0; i < depth && nesting.Length < 900_000; i++)
                nesting.Append('\n').Append(' ', i).Append("- ");
        else
            nesting.Insert(0, open, depth);
        if (_random.Next(2) == 0 && open == "[") nesting.Append(']', depth);
        return _random.Next(2) == 0 ? "x-deep: " + nesting + "\n" + text : Insert(text, nesting.ToString());
    }

    private string AliasBomb()
    {
        var b = new StringBuilder("\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        int levels = 2 + _random.Next(8);
        for (int i = 1; i < levels; i++)
            b.Append($"x-{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 9))}]\n");
        if (_random.Next(2) == 0) b.Append($"clients: *a{levels - 1}\n");
        return b.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    [GeneratedRegex(@"\d[\d_.]*")]
    private static partial Regex Number();
}
