using System.Text.Json;

namespace TcpSwarm.Integration.Tests;

/// <summary>The Grafana dashboards of dashboards/grafana/, read as Grafana reads them: every panel's query
/// expressions and every template variable.</summary>
internal static class Dashboards
{
    public static string Folder => Repo.Path("dashboards", "grafana");

    public static IReadOnlyList<string> Files =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal)];

    /// <summary>Each panel target's expression, named "dashboard / panel / refId".</summary>
    public static IEnumerable<(string Name, string Expr)> Expressions(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var title = json.RootElement.GetProperty("title").GetString();
        foreach (var panel in Panels(json.RootElement))
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                yield return ($"{title} / {panel.GetProperty("title").GetString()} / "
                              + target.GetProperty("refId").GetString(), target.GetProperty("expr").GetString()!);
    }

    /// <summary>Each template variable: its name, the value it takes when nothing is chosen (its "All" value, or its
    /// current one), and its query.</summary>
    public static IEnumerable<(string Name, string Value, string Query)> Variables(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var v in json.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var value = v.GetProperty("includeAll").GetBoolean()
                ? v.GetProperty("allValue").GetString()!
                : v.GetProperty("current").GetProperty("value").GetString()!;
            yield return (v.GetProperty("name").GetString()!, value,
                v.GetProperty("query").GetProperty("query").GetString()!);
        }
    }

    /// <summary>The expression Grafana sends: template variables and $__rate_interval replaced.</summary>
    public static string Substitute(string expr, IEnumerable<(string Name, string Value, string Query)> variables,
        string rateInterval)
    {
        var text = expr.Replace("$__rate_interval", rateInterval, StringComparison.Ordinal);
        foreach (var (name, value, _) in variables.OrderByDescending(v => v.Name.Length))
            text = text.Replace("$" + name, value, StringComparison.Ordinal);
        return text;
    }

    private static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("panels", out var inner))
                foreach (var p in inner.EnumerateArray()) yield return p.Clone();
            if (panel.TryGetProperty("targets", out _)) yield return panel.Clone();
        }
    }
}
