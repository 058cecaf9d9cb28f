using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TcpSwarm.Cli.Output;

/// <summary>Writes a <see cref="NamedMap{T}"/> as a JSON object, its keys verbatim (nstat's ListenOverflows stays
/// ListenOverflows) in the order given; reads one back in the file's order.</summary>
internal sealed class NamedMapConverter<T> : JsonConverter<NamedMap<T>>
{
    public override NamedMap<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object");
        var info = TypeInfo(options);
        var entries = new List<KeyValuePair<string, T>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("expected a property name");
            reader.Read();
            entries.Add(new(name, JsonSerializer.Deserialize(ref reader, info)!));
        }
        return new NamedMap<T>(entries);
    }

    public override void Write(Utf8JsonWriter writer, NamedMap<T> value, JsonSerializerOptions options)
    {
        var info = TypeInfo(options);
        writer.WriteStartObject();
        foreach (var (name, item) in value.Entries)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, item, info);
        }
        writer.WriteEndObject();
    }

    private static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
