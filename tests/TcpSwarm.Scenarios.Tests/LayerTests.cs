using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios.Tests;

public sealed class LayerTests
{
    [Fact]
    public void The_scenario_model_knows_nothing_of_yaml()
    {
        var references = typeof(Scenario).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains("TcpSwarm.Tcp", references);
        Assert.DoesNotContain(references, name => name.Contains("Yaml", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, name => name.StartsWith("TcpSwarm.Scenarios", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_model_type_lives_in_the_model_namespace_and_is_immutable()
    {
        foreach (var type in typeof(Scenario).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace == "TcpSwarm.Simulation.Model"))
            foreach (var property in type.GetProperties())
            {
                var setter = property.SetMethod;
                Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers()
                        .Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"),
                    $"{type.Name}.{property.Name} can be set after construction");
            }
    }
}
