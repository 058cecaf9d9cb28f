using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace TcpSwarm.Grains;

/// <summary>The codec and copier of a <see cref="Handover{T}"/>: copied by reference within the silo, never written
/// to the wire.</summary>
[RegisterSerializer, RegisterCopier]
public sealed class HandoverCodec<T> : IFieldCodec<Handover<T>>, IDeepCopier<Handover<T>>, IOptionalDeepCopier
    where T : class
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType,
        Handover<T> value) where TBufferWriter : IBufferWriter<byte> => throw Leaving();

    public Handover<T> ReadValue<TInput>(ref Reader<TInput> reader, Field field) => throw Leaving();

    // Within the silo the callee works on the caller's object: that is the point of the handover.
    public Handover<T> DeepCopy(Handover<T> input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;

    private static InvalidOperationException Leaving() => new(
        $"a handover of {typeof(T).Name} passes between the grains of one silo by reference; a call carrying it must " +
        "not leave the silo (host and endpoint grains are placed with their partition)");
}
