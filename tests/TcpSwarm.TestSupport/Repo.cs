namespace TcpSwarm.TestSupport;

/// <summary>The repository's root, found by walking up from the test assembly to TcpSwarm.sln, and its folders.
/// </summary>
public static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>The shipped scenarios' folder, load/.</summary>
    public static string LoadDir => System.IO.Path.Combine(Root, "load");

    /// <summary>The packetdrill scripts' folder, tests/drill/.</summary>
    public static string DrillDir => System.IO.Path.Combine(Root, "tests", "drill");

    /// <summary>A path below the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A shipped scenario's path, load/FILE.</summary>
    public static string Load(string file) => System.IO.Path.Combine(LoadDir, file);

    /// <summary>Every shipped scenario's file name, in ordinal order: the data of a theory over load/*.yaml.</summary>
    public static TheoryData<string> LoadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(LoadDir, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(System.IO.Path.GetFileName(file));
        return data;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TcpSwarm.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no TcpSwarm.sln above {AppContext.BaseDirectory}");
    }
}
