using System.Text.Json.Serialization;

namespace TcpSwarm.Cli.Bench;

/// <summary>Source-generated JSON for the bench document: snake_case keys, two-space indents, \n lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(BenchDocument))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
