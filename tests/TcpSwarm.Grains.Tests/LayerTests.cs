using System.Reflection;
using System.Xml.Linq;

namespace TcpSwarm.Grains.Tests;

/// <summary>The projects' layers (docs/architecture.md): the TCP model at the bottom knows nothing of ours and nothing
/// of Orleans; the engine knows only the model; the grains know the engine and the model, never the scenario files'
/// syntax; the silo's host reads scenarios and hosts the grains; the command line sits on top.</summary>
public sealed class LayerTests
{
    // Each project's own references, exactly: a reference added or removed fails here, and says which.
    private static readonly Dictionary<string, string[]> Intended = new(StringComparer.Ordinal)
    {
        ["TcpSwarm.Tcp"] = [],
        ["TcpSwarm.Simulation"] = ["TcpSwarm.Tcp"],
        ["TcpSwarm.Scenarios"] = ["TcpSwarm.Simulation"],
        ["TcpSwarm.Grains"] = ["TcpSwarm.Simulation"],
        ["TcpSwarm.Silo"] = ["TcpSwarm.Grains", "TcpSwarm.Scenarios"],
        ["TcpSwarm.Drill"] = ["TcpSwarm.Tcp"],
        ["TcpSwarm.Calibration"] = ["TcpSwarm.Scenarios"],
        ["TcpSwarm.Cli"] = ["TcpSwarm.Calibration", "TcpSwarm.Drill", "TcpSwarm.Scenarios", "TcpSwarm.Silo"],
    };

    private static readonly string Source = typeof(LayerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SourceRoot").Value!;

    [Fact]
    public void Every_project_references_exactly_its_layer()
    {
        var projects = Directory.GetDirectories(Source).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Intended.Keys.Order(StringComparer.Ordinal), projects);
        foreach (var (project, references) in Intended)
            Assert.True(references.Order(StringComparer.Ordinal).SequenceEqual(ProjectReferences(project)),
                $"{project} references {string.Join(", ", ProjectReferences(project))}; its layer allows "
                + $"{(references.Length == 0 ? "none of ours" : string.Join(", ", references))}");
    }

    [Fact]
    public void Grains_reach_the_engine_and_the_model_but_not_the_scenario_files()
    {
        Assert.Equal(["TcpSwarm.Simulation", "TcpSwarm.Tcp"], Reach("TcpSwarm.Grains"));
        // The built assembly agrees: nothing of the scenario loader was compiled into a grain.
        var built = typeof(PartitionGrain).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("TcpSwarm.Scenarios", built);
        Assert.Contains("TcpSwarm.Simulation", built);
    }

    [Theory]
    [InlineData("TcpSwarm.Tcp")]
    [InlineData("TcpSwarm.Simulation")]
    [InlineData("TcpSwarm.Scenarios")]
    public void The_model_engine_and_scenarios_know_no_Orleans(string project)
    {
        var packages = Project(project).Descendants("PackageReference")
            .Select(p => (string?)p.Attribute("Include") ?? "").ToList();
        Assert.DoesNotContain(packages, p => p.Contains("Orleans", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Reach(project), p => p is "TcpSwarm.Grains" or "TcpSwarm.Silo");
    }

    [Fact]
    public void Nothing_references_the_command_line()
    {
        foreach (var project in Intended.Keys) Assert.DoesNotContain("TcpSwarm.Cli", ProjectReferences(project));
    }

    private static XDocument Project(string name) => XDocument.Load(Path.Combine(Source, name, name + ".csproj"));

    private static List<string> ProjectReferences(string name) =>
    [
        .. Project(name).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
            .Order(StringComparer.Ordinal),
    ];

    // Every project a project reaches through its references, in name order.
    private static List<string> Reach(string name)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(ProjectReferences(name));
        while (next.TryPop(out var p))
            if (seen.Add(p)) foreach (var r in ProjectReferences(p)) next.Push(r);
        return [.. seen];
    }
}
