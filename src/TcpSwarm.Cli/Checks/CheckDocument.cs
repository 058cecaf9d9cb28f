namespace TcpSwarm.Cli.Checks;

/// <summary>One check's verdict in run.json: what was asked, the figure it was held against and its value.</summary>
/// <param name="Check">The check as written.</param>
/// <param name="From">Where it was written: FILE:LINE:COLUMN of the scenario's checks:, or --check.</param>
/// <param name="Field">summary.json's field, as its path (handshake.p99_ms).</param>
/// <param name="Measured">The field's value in the run; null when the run has none.</param>
/// <param name="Shown">The value as people read it: 812.5 ms, 0.3%.</param>
/// <param name="Limit">The check's value in the field's unit (1s against a field in ms is 1000).</param>
/// <param name="Passed">Whether Measured Operator Limit holds.</param>
internal sealed record CheckDocument(string Check, string From, string Field, double? Measured, string Shown,
    string Operator, double Limit, bool Passed);
