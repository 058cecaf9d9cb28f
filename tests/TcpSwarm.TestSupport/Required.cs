namespace TcpSwarm.TestSupport;

/// <summary>A real component a test needs: outside CI its absence skips the test with the way to install it; under
/// CI=true it fails, or the cluster would go untested without anyone noticing.</summary>
public static class Required
{
    public static string Program(string name, string package)
    {
        if (Find(name) is { } path) return path;
        var message = $"{name} is not installed; install it with 'sudo DEBIAN_FRONTEND=noninteractive apt-get " +
                      $"install -y {package}' (test.sh installs it when run as root)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>The program's path on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
