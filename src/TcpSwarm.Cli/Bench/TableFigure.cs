namespace TcpSwarm.Cli.Bench;

/// <summary>One table filled: the entries asked for, those it holds, and the heap they took.</summary>
internal sealed record TableFigure(string Table, int Entries, int Held, long HeapDeltaBytes)
{
    /// <summary>Bytes per entry, only when the table holds every entry asked for; NaN otherwise.</summary>
    public double BytesPerEntry => Held == Entries && Entries > 0 ? (double)HeapDeltaBytes / Entries : double.NaN;
}
