using System.Reflection;

namespace TcpSwarm.Tcp.Tests;

public sealed class ModelDependencyTests
{
    [Fact]
    public void The_tcp_model_references_nothing_but_the_base_library()
    {
        var references = typeof(TcpProfile).Assembly.GetReferencedAssemblies().Select(a => a.Name).Order().ToArray();
        Assert.All(references, name => Assert.True(
            name is "System.Runtime" or "System.Collections" or "System.Linq" or "System.Memory"
                or "System.Runtime.Intrinsics" or "System.Numerics.Vectors" or "System.Runtime.InteropServices",
            $"TcpSwarm.Tcp references {name}: the model may use the base library only (no Orleans, no IO, no clock)"));
    }

    [Fact]
    public void The_tcp_model_never_reads_a_clock_or_a_global_random_source()
    {
        var forbidden = new[] { typeof(DateTime), typeof(DateTimeOffset), typeof(Random),
            typeof(System.Diagnostics.Stopwatch), typeof(TimeProvider), typeof(Guid) };
        var assembly = typeof(TcpProfile).Assembly;
        foreach (var type in assembly.GetTypes())
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public |
                                                   BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var body = method.GetMethodBody()?.GetILAsByteArray();
                if (body is null) continue;
                foreach (var token in CallTokens(body))
                {
                    MemberInfo? callee;
                    try { callee = method.Module.ResolveMember(token); }
                    catch (ArgumentException) { continue; }
                    Assert.False(callee?.DeclaringType is { } t && forbidden.Contains(t),
                        $"{type.Name}.{method.Name} calls {callee?.DeclaringType?.Name}.{callee?.Name}");
                }
            }
    }

    // call, callvirt and newobj carry a 4-byte metadata token; scanning every position over-approximates, which is
    // safe: a false token resolves to nothing or to an unrelated member, and a real call is never missed.
    private static IEnumerable<int> CallTokens(byte[] il)
    {
        for (int i = 0; i + 4 < il.Length; i++)
            if (il[i] is 0x28 or 0x6F or 0x73)
                yield return BitConverter.ToInt32(il, i + 1);
    }
}
