using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>The codec of an engine object that passes between grains of one silo by reference and never leaves it.</summary>
/// <remarks>
/// A partition, its host grains and their endpoint grains always share a silo (placement by host), so a window's
/// batch is handed over, not copied. Should a call ever have to leave the silo, this codec stops it with a clear
/// message instead of shipping a half-understood object graph.
/// </remarks>
public abstract class SiloLocalCodec<T> : IFieldCodec<T>, IDeepCopier<T> where T : class
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, T? value)
        where TBufferWriter : IBufferWriter<byte> => throw Leaving();

    public T ReadValue<TInput>(ref Reader<TInput> reader, Field field) => throw Leaving();

    // Handed over within the silo: the receiver works on the caller's object (the batch is the caller's to reuse).
    public T? DeepCopy(T? input, CopyContext context) => input;

    private static InvalidOperationException Leaving() => new(
        $"{typeof(T).Name} passes between the grains of one silo by reference; a call carrying it must not leave the " +
        "silo (host and endpoint grains are placed with their partition)");
}

/// <summary>A window's batch for one host grain.</summary>
[RegisterSerializer, RegisterCopier]
public sealed class HostBatchCodec : SiloLocalCodec<HostBatch>;

/// <summary>A round's work for one endpoint grain.</summary>
[RegisterSerializer, RegisterCopier]
public sealed class EndpointWorkCodec : SiloLocalCodec<EndpointWork>;
