namespace TcpSwarm.Scenarios.Tests;

/// <summary>The machine memory a shipped load/ scenario is validated against in the tests.</summary>
internal static class ShippedScenarios
{
    private const long FourGiB = 4L << 30;

    /// <summary>4 GiB, the least a user's machine may have, except for the scenario written to need more:
    /// two-million.yaml holds 1,000,000 connections (about 6 GiB), so it is checked against 16 GiB.</summary>
    public static long MemoryFor(string file) => file == "two-million.yaml" ? 16L << 30 : FourGiB;
}
