namespace TcpSwarm.Scenarios;

/// <summary>One part of a <see cref="MemoryEstimate"/>: what holds memory, whose, how many, and how much in all.
/// </summary>
/// <param name="Owner">The client group, server or attacker it comes from; "" for the process itself.</param>
/// <param name="What">What is held, in words ("connections waiting for accept()").</param>
/// <param name="Count">How many of them at the peak.</param>
/// <param name="Bytes">Their bytes at the peak.</param>
/// <param name="Shrink">How to make it smaller, in words for the refusal.</param>
public sealed record MemoryTerm(string Owner, string What, long Count, long Bytes, string Shrink)
{
    public override string ToString() =>
        (Owner.Length > 0 ? Owner + ": " : "") + What + (Count > 0 ? $" ({Kinds.N(Count)})" : "");
}
