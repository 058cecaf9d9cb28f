namespace TcpSwarm.Integration.Tests;

/// <summary>The repository's root, found by walking up from the test assembly to TcpSwarm.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TcpSwarm.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no TcpSwarm.sln above {AppContext.BaseDirectory}");
    }
}
