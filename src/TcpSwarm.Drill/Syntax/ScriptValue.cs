namespace TcpSwarm.Drill.Syntax;

/// <summary>An argument of a system call: a number, a name (SOCK_STREAM), <c>...</c>, a string, a list <c>[1]</c>,
/// a struct <c>{l_onoff=1, l_linger=0}</c>, an expression <c>O_RDWR|O_NONBLOCK</c> or a call <c>htons(8080)</c>.
/// </summary>
/// <param name="Text">The name, the string, the struct field's name, the operator or the called function.</param>
public sealed record ScriptValue(ValueKind Kind, long Number = 0, string Text = "",
    IReadOnlyList<ScriptValue>? Items = null)
{
    public static readonly ScriptValue Ellipsis = new(ValueKind.Ellipsis);

    public IReadOnlyList<ScriptValue> Children => Items ?? [];

    public override string ToString() => Kind switch
    {
        ValueKind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.Name => Text,
        ValueKind.Ellipsis => "...",
        ValueKind.String => $"\"{Text}\"",
        ValueKind.List => $"[{string.Join(", ", Children)}]",
        ValueKind.Struct => $"{{{string.Join(", ", Children)}}}",
        ValueKind.Field => $"{Text}={Children[0]}",
        ValueKind.Binary => $"{Children[0]}{Text}{Children[1]}",
        _ => $"{Text}({string.Join(", ", Children)})",
    };
}
