using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Silo.Tests;

/// <summary>One silo's meter, made by its own factory (as each silo's container makes it) and heard apart.</summary>
internal sealed class Listening : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public Listening()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Listened = new Listened(factory);
        Metrics = new TcpSwarmMetrics(factory);
    }

    public TcpSwarmMetrics Metrics { get; }
    public Listened Listened { get; }

    public void Dispose()
    {
        Listened.Dispose();
        _services.Dispose();
    }
}
