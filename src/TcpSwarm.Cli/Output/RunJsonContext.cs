using System.Text.Json.Serialization;

namespace TcpSwarm.Cli.Output;

/// <summary>Source-generated JSON for summary.json and run.json: snake_case keys, two-space indents, \n lines.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    Converters =
    [
        typeof(NamedMapConverter<long>), typeof(NamedMapConverter<string>), typeof(NamedMapConverter<ServerDocument>),
        typeof(NamedMapConverter<ClientDocument>), typeof(NamedMapConverter<AttackerDocument>),
    ])]
[JsonSerializable(typeof(SummaryDocument))]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(ClusterDocument))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ServerDocument))]
[JsonSerializable(typeof(ClientDocument))]
[JsonSerializable(typeof(AttackerDocument))]
internal sealed partial class RunJsonContext : JsonSerializerContext;
