namespace TcpSwarm.Cluster.Tests;

/// <summary>The repository's root, found by walking up from the test assembly to TcpSwarm.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Load(string file) => Path.Combine(Root, "load", file);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TcpSwarm.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no TcpSwarm.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tcpswarm-cluster-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
