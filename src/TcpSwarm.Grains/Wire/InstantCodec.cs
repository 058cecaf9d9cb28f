using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>Virtual time on the wire: the model's <see cref="Instant"/>, the one form of virtual time every grain call
/// carries, as its nanoseconds written by Orleans' own codec of a long, so it costs no more than one.</summary>
[RegisterSerializer, RegisterCopier]
public sealed class InstantCodec : IFieldCodec<Instant>, IDeepCopier<Instant>, IOptionalDeepCopier
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType,
        Instant value) where TBufferWriter : IBufferWriter<byte>
    {
        // Orleans' own long, header and all (it marks the value field for reference tracking, as ReadValue does).
        Int64Codec.WriteField(ref writer, fieldIdDelta, expectedType!, value.Nanoseconds, typeof(Instant));
    }

    public Instant ReadValue<TInput>(ref Reader<TInput> reader, Field field) =>
        new(Int64Codec.ReadValue(ref reader, field));

    // A value of one long: nothing to copy deeply.
    public Instant DeepCopy(Instant input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;
}
