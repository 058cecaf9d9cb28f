using System.Text.Json.Serialization.Metadata;
using TcpSwarm.Cli.Output;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Checks;

/// <summary>Where a check's path leads in summary.json, known before the run: the document's shape as its JSON
/// contract writes it (snake_case fields), the scenario's names for servers, clients and attackers, nstat's names
/// for counters.</summary>
/// <remarks>Read from the contract rather than listed by hand, so a figure added to summary.json can be checked as
/// soon as it is written.</remarks>
internal static class CheckPaths
{
    private static readonly string[] Counters = Enum.GetNames<TcpExt>();

    /// <summary>The field a check compares with, as summary.json spells it (the unit's suffix added: handshake.p99
    /// is handshake.p99_ms for a duration), or the problem that says what is there instead.</summary>
    public static (string? Field, ScenarioProblem? Problem) Resolve(RunCheck check, Scenario scenario)
    {
        var info = Contract(typeof(SummaryDocument));
        var parts = check.Path.Split('.');
        var resolved = new List<string>();
        string? parent = null;
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            bool last = i == parts.Length - 1;
            if (MapOf(info.Type) is { } item)
            {
                var names = Keys(parent, scenario);
                if (names is not null && !names.Contains(part, StringComparer.Ordinal))
                    return Fail(check, $"'{part}' is not one of {Describe(parent)}{Choices(part, names)}");
                resolved.Add(part);
                info = Contract(item);
                parent = null;
                continue;
            }
            if (info.Kind == JsonTypeInfoKind.Enumerable)
                return Fail(check, $"{Joined(resolved)} is a list; a check reads one number, by name");
            if (info.Kind != JsonTypeInfoKind.Object)
                return Fail(check, $"{Joined(resolved)} is a single value; the path ends there");
            var fields = info.Properties.Select(p => p.Name).ToList();
            var name = last ? WithUnit(part, check.Unit, fields) : part;
            var property = info.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
                return Fail(check, $"'{part}' is not a field of {Where(resolved)}{Choices(part, fields)}");
            resolved.Add(name);
            parent = name;
            info = Contract(property.PropertyType);
        }
        var field = Joined(resolved);
        if (MapOf(info.Type) is not null || info.Kind == JsonTypeInfoKind.Object)
        {
            var inside = info.Kind == JsonTypeInfoKind.Object
                ? info.Properties.Select(p => p.Name).ToList()
                : Keys(parent, scenario) ?? [];
            return Fail(check, $"{field} holds several figures; name one: "
                                   + string.Join(", ", inside.Take(12).Select(n => field + "." + n)));
        }
        if (!IsNumber(info.Type))
            return Fail(check, $"{field} is not a number; a check compares numbers");
        if (check.Unit == CheckUnit.Duration && !IsDuration(field))
            return Fail(check, $"{field} is not a duration; '{check.Text}' gives one, which compares with a "
                                   + "field ending _ms or _seconds; drop the unit or name such a field");
        if (check.Unit == CheckUnit.Percent && Underlying(info.Type) != typeof(double))
            return Fail(check, $"{field} is a count, not a fraction; a percentage compares with a fraction "
                                   + "(such as handshake.over_1s); write the count without %");
        return (field, null);
    }

    /// <summary>Whether a field is a duration, in milliseconds or seconds, by its name.</summary>
    public static bool IsDuration(string field) =>
        field.EndsWith("_ms", StringComparison.Ordinal) || field.EndsWith("_seconds", StringComparison.Ordinal);

    // A duration's value names the field without its unit: p99 for p99_ms.
    private static string WithUnit(string part, CheckUnit unit, List<string> fields)
    {
        if (fields.Contains(part) || unit != CheckUnit.Duration) return part;
        foreach (var suffix in (string[])["_ms", "_seconds"])
            if (fields.Contains(part + suffix)) return part + suffix;
        return part;
    }

    private static IReadOnlyList<string>? Keys(string? map, Scenario scenario) => map switch
    {
        "servers" => [.. scenario.Servers.Select(s => s.Name)],
        "clients" => [.. scenario.Clients.Select(c => c.Name)],
        "attackers" => [.. scenario.Attackers.Select(a => a.Name)],
        "counters" => Counters,
        _ => null,
    };

    private static string Describe(string? map) => map switch
    {
        "servers" => "the scenario's servers",
        "clients" => "the scenario's client groups",
        "attackers" => "the scenario's attackers",
        "counters" => "the Linux counters (nstat's names)",
        _ => "the names there",
    };

    private static JsonTypeInfo Contract(Type type) => RunJsonContext.Default.GetTypeInfo(type)
        ?? throw new InvalidOperationException($"summary.json's contract lacks {type.Name}");

    private static Type? MapOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(NamedMap<>)
            ? type.GetGenericArguments()[0]
            : null;

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsNumber(Type type) =>
        Underlying(type) is var t
        && (t == typeof(long) || t == typeof(int) || t == typeof(double) || t == typeof(ulong));

    private static string Joined(List<string> parts) => string.Join('.', parts);

    private static string Where(List<string> resolved) => resolved.Count == 0 ? "summary.json" : Joined(resolved);

    private static string Choices(string part, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return "; there are none";
        var near = NearMiss.Find(part, names);
        var some = string.Join(", ", names.Take(12)) + (names.Count > 12 ? ", ..." : "");
        return near is not null ? $"; did you mean '{near}'? (there: {some})" : $"; there: {some}";
    }

    private static (string?, ScenarioProblem?) Fail(RunCheck check, string message) =>
        (null, new ScenarioProblem(check.File, check.Line, check.Column, check.Field,
            $"'{check.Path}' names no figure of summary.json: {message}"));
}
