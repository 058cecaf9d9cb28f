using System.Net;
using System.Text;

namespace TcpSwarm.Integration.Tests;

/// <summary>--otlp-endpoint: a real run pushes its metrics by OTLP over HTTP to a receiver on loopback.</summary>
/// <remarks>No OpenTelemetry collector is packaged for Debian, so the receiver is a bare HTTP listener that keeps
/// each request; OTLP's protobuf carries names and attribute values as plain UTF-8, which the test looks for.
/// </remarks>
public sealed class OtlpPushTests
{
    [Fact]
    public async Task A_run_with_an_otlp_endpoint_pushes_its_meters_there_by_the_end()
    {
        int port = FreePort.Next();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var requests = new List<(string Path, string ContentType, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await receiver.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body, TestContext.Current.CancellationToken);
                lock (requests) requests.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "",
                    body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("tcpswarm-otlp-").FullName;
        try
        {
            var (code, output, error) = await TcpswarmProcess.RunAsync(ChildProcess.Patience, "run",
                Repo.Path("load", "quickstart.yaml"), "--speed", "2", "--out", folder, "--otlp-endpoint",
                $"http://127.0.0.1:{port}/v1/metrics");
            Assert.True(code == 0, error + output);
        }
        finally
        {
            receiver.Stop();
            await receiving;
            Directory.Delete(folder, recursive: true);
        }
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Equal(("/v1/metrics", "application/x-protobuf"), (r.Path, r.ContentType)));
        // The last push, at the end, has the run's meter. Orleans' meter goes with the run's silo, before that last
        // push: the run lasts 10 s (--speed 2) so that a push every 5 s finds it alive.
        var last = Encoding.UTF8.GetString(requests[^1].Body);
        foreach (var text in (string[])["tcpswarm.simulation.virtual_time", "tcpswarm.connection.usage",
                     "tcpswarm.handshake.duration", "tcpswarm.silo", "embedded", "dotnet.gc"])
            Assert.Contains(text, last, StringComparison.Ordinal);
        Assert.Contains(requests, r => Encoding.UTF8.GetString(r.Body).Contains("Microsoft.Orleans",
            StringComparison.Ordinal));
    }
}
