using System.Buffers;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>Virtual time on the wire: the model's <see cref="Instant"/>, the one form of virtual time every grain call
/// carries, as its nanoseconds in a variable-length integer (as compact as a bare long).</summary>
[RegisterSerializer, RegisterCopier]
public sealed class InstantCodec : IFieldCodec<Instant>, IDeepCopier<Instant>, IOptionalDeepCopier
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType,
        Instant value) where TBufferWriter : IBufferWriter<byte>
    {
        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(Instant), WireType.VarInt);
        writer.WriteVarInt64(value.Nanoseconds);
    }

    public Instant ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        ReferenceCodec.MarkValueField(reader.Session);
        field.EnsureWireType(WireType.VarInt);
        return new Instant(reader.ReadVarInt64());
    }

    // A value of one long: nothing to copy deeply.
    public Instant DeepCopy(Instant input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;
}
