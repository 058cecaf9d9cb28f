namespace TcpSwarm.Scenarios;

/// <summary>The --set options by key, taken as the reader meets each field; what is never taken is a problem.</summary>
internal sealed class OverrideTable
{
    public const string File = "--set";
    private static readonly Spot Where = new(File, 0, 0);

    private readonly List<(string Key, string Value)> _sets = [];
    private readonly Dictionary<string, int> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _asked = new(StringComparer.Ordinal);

    public OverrideTable(IReadOnlyList<(string Key, string Value)> sets)
    {
        foreach (var (key, value) in sets)
        {
            var k = key.Trim();
            _last[k] = _sets.Count;
            _sets.Add((k, value.Trim()));
        }
    }

    /// <summary>The keys the reader asked for: what --set can change in this scenario.</summary>
    public IReadOnlyCollection<string> Asked => _asked;

    /// <summary>The value --set gives this field, if any; the field named in problems is the option's key.</summary>
    public ScalarValue? Take(string key)
    {
        _asked.Add(key);
        if (!_last.TryGetValue(key, out var i)) return null;
        _taken.Add(key);
        return new ScalarValue(_sets[i].Value, Where, key);
    }

    /// <summary>The sysctl options not yet taken (a name under net., or any key after "sysctl."), latest per name,
    /// in command-line order; each is taken as it is returned.</summary>
    public List<(string Name, ScalarValue Value)> TakeRemainingSysctls()
    {
        var result = new List<(string, ScalarValue)>();
        for (int i = 0; i < _sets.Count; i++)
        {
            var (key, value) = _sets[i];
            if (_last[key] != i || !IsSysctl(key) || !_taken.Add(key)) continue;
            result.Add((SysctlName(key), new ScalarValue(value, Where, key)));
        }
        return result;
    }

    /// <summary>The sysctl names --set gives, without taking them.</summary>
    public IEnumerable<string> SysctlNames() => _sets.Where(s => IsSysctl(s.Key)).Select(s => SysctlName(s.Key));

    /// <summary>Marks a sysctl option as used (the file's sysctl mapping met it).</summary>
    public ScalarValue? TakeSysctl(string name)
    {
        foreach (var key in new[] { name, "sysctl." + name })
            if (_last.TryGetValue(key, out var i))
            {
                _taken.Add(key);
                return new ScalarValue(_sets[i].Value, Where, key);
            }
        return null;
    }

    /// <summary>Options nobody took, in command-line order.</summary>
    public IEnumerable<(string Key, string Value)> Untaken()
    {
        for (int i = 0; i < _sets.Count; i++)
            if (_last[_sets[i].Key] == i && !_taken.Contains(_sets[i].Key)) yield return _sets[i];
    }

    public static bool IsSysctl(string key) =>
        key.StartsWith("sysctl.", StringComparison.Ordinal) || key.StartsWith("net.", StringComparison.Ordinal);

    public static string SysctlName(string key) =>
        key.StartsWith("sysctl.", StringComparison.Ordinal) ? key["sysctl.".Length..] : key;
}
