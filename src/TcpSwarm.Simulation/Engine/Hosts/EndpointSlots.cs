using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's numbered endpoint slots: the 4-tuple each live one holds. A slot whose connection ended is
/// reused, so an endpoint grain serves many connections in turn and activations follow the peak of live sockets.
/// </summary>
internal sealed class EndpointSlots
{
    private readonly Dictionary<SocketPair, int> _slotByTuple = [];
    private readonly List<SocketPair> _tupleBySlot = [];
    private readonly Stack<int> _freeSlots = new();

    /// <summary>Slots holding a connection now.</summary>
    public int Live => _slotByTuple.Count;

    /// <summary>Whether the slot was ever handed out.</summary>
    public bool Exists(int slot) => slot < _tupleBySlot.Count;

    /// <summary>Whether a slot holds a connection now (not yet ended).</summary>
    public bool IsLive(int slot) => slot < _tupleBySlot.Count && _slotByTuple.TryGetValue(_tupleBySlot[slot], out int s)
                                    && s == slot;

    /// <summary>Whether the slot's 4-tuple is held by a live slot (an existing slot).</summary>
    public bool Holds(int slot) => _slotByTuple.ContainsKey(_tupleBySlot[slot]);

    public bool TryFind(in SocketPair tuple, out int slot) => _slotByTuple.TryGetValue(tuple, out slot);

    public SocketPair TupleOf(int slot) => _tupleBySlot[slot];

    /// <summary>A slot for a new connection: a freed one if any, else the next number.</summary>
    public int Take(in SocketPair tuple)
    {
        if (!_freeSlots.TryPop(out int slot))
        {
            slot = _tupleBySlot.Count;
            _tupleBySlot.Add(default);
        }
        _tupleBySlot[slot] = tuple;
        _slotByTuple[tuple] = slot;
        return slot;
    }

    public void Free(int slot)
    {
        _slotByTuple.Remove(_tupleBySlot[slot]);
        _tupleBySlot[slot] = default;
        _freeSlots.Push(slot);
    }
}
