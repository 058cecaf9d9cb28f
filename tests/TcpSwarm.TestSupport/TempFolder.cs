namespace TcpSwarm.TestSupport;

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it when disposed.</summary>
/// <param name="prefix">The start of the folder's name, so that a folder a killed test run left says whose it was.
/// </param>
public sealed class TempFolder(string prefix = "tcpswarm-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
