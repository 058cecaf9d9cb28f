namespace TcpSwarm.Scenarios;

/// <summary>A condition a run must meet to pass, on one number of summary.json: `handshake.p99 &lt; 1s`.</summary>
/// <param name="Text">The check as written, for messages and reports.</param>
/// <param name="Path">The dotted path into summary.json as written (snake_case), without a unit suffix the value
/// implies: `handshake.p99` for `handshake.p99_ms` when the value is a duration.</param>
/// <param name="Operator">One of &lt; &lt;= &gt; &gt;= == !=.</param>
/// <param name="Value">The number to compare with, in the unit it was written in (ms for `1s` is 1000 only once the
/// field is known: see <see cref="Unit"/>).</param>
/// <param name="Unit">What the value's unit asks of the field.</param>
/// <param name="File">Where the check came from: the scenario file, or "--check".</param>
/// <param name="Line">1-based; 0 for --check.</param>
/// <param name="Column">1-based; 0 for --check.</param>
/// <param name="Field">The field to name in a problem: checks[2], or check for --check.</param>
public sealed record RunCheck(string Text, string Path, string Operator, double Value, CheckUnit Unit, string File,
    int Line, int Column, string Field)
{
    /// <summary>The operators, longest first so that `&lt;=` is not read as `&lt;`.</summary>
    public static readonly IReadOnlyList<string> Operators = ["<=", ">=", "==", "!=", "<", ">"];

    /// <summary>Whether measured meets the check, with the limit in the field's own unit.</summary>
    public static bool Holds(double measured, string op, double limit) => op switch
    {
        "<" => measured < limit,
        "<=" => measured <= limit,
        ">" => measured > limit,
        ">=" => measured >= limit,
        "==" => measured == limit,
        "!=" => measured != limit,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a check operator"),
    };

    /// <summary>Where the check was written, as problems locate it.</summary>
    public string Location => ScenarioProblem.Locate(File, Line, Column);
}
