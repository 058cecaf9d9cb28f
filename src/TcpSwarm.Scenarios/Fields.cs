using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

/// <summary>One YAML mapping being read: its keys checked against those allowed, each value with its --set override.
/// </summary>
/// <remarks>An absent mapping reads as empty, so defaults and --set still apply. Unknown keys are reported once, when
/// the mapping is opened, with a near-miss suggestion.</remarks>
internal sealed class Fields
{
    private readonly ScenarioReader _reader;
    private readonly List<(YamlScalarNode Key, YamlNode Value)> _entries = [];

    /// <param name="node">The mapping; null or a YAML null when absent; anything else is reported.</param>
    /// <param name="path">The field path of the mapping ("" at the top, "servers[0]", "servers[0].accept").</param>
    /// <param name="prefix">The --set key of the mapping ("" at the top, "servers.web"); null when --set cannot reach
    /// it.</param>
    /// <param name="at">Where the mapping is, or where it would be (its key) when absent.</param>
    /// <param name="what">The mapping in words, for "expected ...": "a server".</param>
    /// <param name="keys">The keys it takes, in the order documented.</param>
    public Fields(ScenarioReader reader, YamlNode? node, string path, string? prefix, Spot at, string what,
        IReadOnlyList<string> keys)
    {
        _reader = reader;
        Path = path;
        Prefix = prefix;
        At = node is null ? at : reader.SpotOf(node);
        if (node is null || ScenarioReader.IsNull(node)) return;
        if (node is not YamlMappingNode map)
        {
            reader.Problem(At, path,
                $"expected {what} (a mapping of keys: {string.Join(", ", keys)}), "
                + $"found {ScenarioReader.Describe(node)}");
            Reported = true;
            return;
        }
        Exists = true;
        var merged = new List<YamlMappingNode>();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name } key)
                reader.Problem(reader.SpotOf(k), path.Length == 0 ? "yaml" : path,
                    $"a key must be a plain name; use one of {string.Join(", ", keys)}");
            else if (name == "<<")
                Merge(v, merged);
            else if (!(path.Length == 0 && name.StartsWith("x-", StringComparison.Ordinal)))   // x-...: holds anchors
                Add(key, v, what, keys);
        }
        // YAML merge keys (<<: *anchor): the mapping's own keys win, then the merged mappings', in order.
        foreach (var m in merged)
            foreach (var (k, v) in m.Children)
                if (k is YamlScalarNode { Value: { } name } key && name != "<<"
                    && !_entries.Exists(e => e.Key.Value == name))
                    Add(key, v, what, keys);
    }

    private void Merge(YamlNode value, List<YamlMappingNode> merged)
    {
        if (value is YamlMappingNode one) merged.Add(one);
        else if (value is YamlSequenceNode list && list.Children.All(c => c is YamlMappingNode))
            merged.AddRange(list.Children.Cast<YamlMappingNode>());
        else
            _reader.Problem(_reader.SpotOf(value), Path.Length == 0 ? "<<" : Path + ".<<",
                $"'<<' merges a mapping (<<: *anchor) or a list of them, found {ScenarioReader.Describe(value)}");
    }

    private void Add(YamlScalarNode key, YamlNode value, string what, IReadOnlyList<string> keys)
    {
        if (keys.Contains(key.Value!))
        {
            _entries.Add((key, value));
            return;
        }
        HadUnknown = true;
        var near = NearMiss.Find(key.Value!, keys);
        var named = string.IsNullOrWhiteSpace(key.Value) ? "(an empty key)" : key.Value;   // the field names something
        _reader.Problem(_reader.SpotOf(key), Field(named), near is null
            ? $"unknown key '{key.Value}'; {what} takes {string.Join(", ", keys)}"
            : $"unknown key '{key.Value}'; did you mean '{near}'?");
    }

    public string Path { get; }
    /// <summary>Set once the owner's name is known: list entries are reached by name (servers.web).</summary>
    public string? Prefix { get; set; }
    public Spot At { get; }

    /// <summary>The mapping is in the file (not absent, not a YAML null, not another type).</summary>
    public bool Exists { get; }

    /// <summary>The mapping itself was reported (not a mapping, or no value): its missing keys are not reported too.
    /// </summary>
    public bool Reported { get; set; }

    /// <summary>Some key was unknown (and reported).</summary>
    public bool HadUnknown { get; private set; }

    /// <summary>The known keys present in the file, in file order.</summary>
    public IEnumerable<YamlScalarNode> Keys => _entries.Select(e => e.Key);

    public bool InFile(string key) => _entries.Exists(e => e.Key.Value == key);

    public YamlNode? Node(string key) => _entries.Find(e => e.Key.Value == key).Value;

    public Spot KeyAt(string key) => _entries.Find(e => e.Key.Value == key) is { Key: { } k } ? _reader.SpotOf(k) : At;

    public Spot ValueAt(string key) => Node(key) is { } n ? _reader.SpotOf(n) : At;

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public string? OverrideKey(string key) => Prefix is null ? null : Prefix.Length == 0 ? key : $"{Prefix}.{key}";

    /// <summary>The value --set gives this key, if any (taken: it will not be reported as unused).</summary>
    public ScalarValue? Override(string key) => OverrideKey(key) is { } k ? _reader.Overrides.Take(k) : null;

    /// <summary>The key's scalar: --set's if given, else the file's; null when neither, or when the file's value is not
    /// a scalar or is a YAML null (both reported, with what was expected).</summary>
    public ScalarValue? Scalar(string key, string expected)
    {
        if (Override(key) is { } given) return given;
        if (Node(key) is not { } node) return null;
        if (ScenarioReader.IsNull(node))
        {
            _reader.Problem(_reader.SpotOf(node), Field(key), $"has no value; use {expected}");
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            _reader.Problem(_reader.SpotOf(node), Field(key),
                $"expected {expected}, found {ScenarioReader.Describe(node)}");
            return null;
        }
        return new ScalarValue(scalar.Value ?? "", _reader.SpotOf(scalar), Field(key));
    }
}
