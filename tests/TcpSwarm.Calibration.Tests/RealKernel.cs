namespace TcpSwarm.Calibration.Tests;

/// <summary>Tests that need the real kernel and root: under CI=true (CI runs as root) a missing precondition is a
/// failure; elsewhere the test is skipped with a message saying how to run it.</summary>
internal static class RealKernel
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true",
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) unless calibrate can run here.</summary>
    public static void Require()
    {
        if (Calibrator.MissingPrecondition() is not { } missing) return;
        if (UnderCi) Assert.Fail("under CI=true calibrate must be able to run: " + missing);
        Assert.Skip("skipped: " + missing + "; ./test.sh as root (as CI runs it) runs this test");
    }
}
