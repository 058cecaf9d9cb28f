using BenchmarkDotNet.Running;

namespace TcpSwarm.Benchmarks;

/// <summary>Runs the benchmarks:
/// <c>dotnet run -c Release --project tests/TcpSwarm.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
