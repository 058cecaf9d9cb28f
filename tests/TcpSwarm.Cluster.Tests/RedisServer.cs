using System.Net.Sockets;

namespace TcpSwarm.Cluster.Tests;

/// <summary>A real redis-server (Debian's package) on 127.0.0.1 and a free port, nothing saved to disk.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port, string? password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string? Password { get; }

    /// <summary>The connection string tcpswarm takes (--redis).</summary>
    public string Connection => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        var program = Required.Program("redis-server", "redis-server");
        int port = FreePort.Next();
        string[] args = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"];
        if (password is not null) args = [.. args, "--requirepass", password];
        var process = ChildProcess.Start(program, args);
        var server = new RedisServer(process, port, password);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < ChildProcess.Patience)                // only a hang reaches it
        {
            if (Listening(port)) return server;
            await Task.Delay(100);                                      // a polling period, not a wait
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on {port}: {process.Out}{process.Error}");
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>kill -9: Redis gone, as a crash or an OOM kill leaves it.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
