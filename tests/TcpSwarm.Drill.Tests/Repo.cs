namespace TcpSwarm.Drill.Tests;

/// <summary>The repository's root, found by walking up from the test assembly to TcpSwarm.sln; tests/drill in it.
/// </summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string DrillDir => Path.Combine(Root, "tests", "drill");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TcpSwarm.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no TcpSwarm.sln above {AppContext.BaseDirectory}");
    }
}
