namespace TcpSwarm.Integration.Tests;

/// <summary>A real program a test needs: found on PATH, or the test is skipped saying how to install it; under
/// CI=true a missing one fails the test instead (test.sh installs it there).</summary>
internal static class RealComponent
{
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string program, string debianPackage)
    {
        if (Find(program) is { } path) return path;
        var message = $"{program} is not installed: apt-get install {debianPackage} (test.sh does it as root)";
        if (UnderCi) Assert.Fail("CI=true and " + message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>The program's path on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':',
                     StringSplitOptions.RemoveEmptyEntries))
        {
            var path = System.IO.Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
