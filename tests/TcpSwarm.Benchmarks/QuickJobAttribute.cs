using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TcpSwarm.Benchmarks;

/// <summary>One launch, 3 warm-up and 12 measured iterations: a hot-path class runs in well under a minute per
/// benchmark, and its medians still hold on a shared 2-core machine.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QuickJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty()
        .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(12));
}
