namespace TcpSwarm.Drill.Syntax;

public static partial class ScriptParser
{
    // name(arg, ...) = result [ERRNO [(text)]]
    private static SyscallLine ReadSyscall(ScriptCursor cursor, int line, int column, ScriptTime time,
        ScriptTime? end, string text)
    {
        var name = cursor.Name()!;
        cursor.Skip(newlines: false);
        if (!cursor.Match("(")) Fail(cursor, $"expected '(' after the system call {name}");
        var args = ReadValues(cursor, ")");
        cursor.Skip(newlines: false);
        if (!cursor.Match("=")) Fail(cursor, $"expected '= RESULT' after {name}(...)");
        cursor.Skip(newlines: false);
        var result = ReadValue(cursor);
        cursor.Skip(newlines: false);
        string? errno = null;
        if (ScriptCursor.IsNameStart(cursor.Peek()))
        {
            errno = cursor.Name()!;
            if (!errno.StartsWith('E'))
                Fail(cursor, $"expected an errno name (EAGAIN, EINPROGRESS, …), not '{errno}'");
            cursor.Skip(newlines: false);
        }
        if (cursor.Match("(") && cursor.Until(")") is null) Fail(cursor, "expected ')' after the result's note");
        return new SyscallLine(line, column, time, end, text, name, args, result, errno);
    }

    private static List<ScriptValue> ReadValues(ScriptCursor cursor, string close)
    {
        var values = new List<ScriptValue>();
        cursor.Skip();
        if (cursor.Match(close)) return values;
        while (true)
        {
            cursor.Skip();
            values.Add(ReadValue(cursor));
            cursor.Skip();
            if (cursor.Match(close)) return values;
            if (!cursor.Match(",")) Fail(cursor, $"expected ',' or '{close}'");
        }
    }

    private static ScriptValue ReadValue(ScriptCursor cursor)
    {
        var left = ReadPrimary(cursor);
        while (true)
        {
            int save = cursor.Pos;
            cursor.Skip(newlines: false);
            char op = cursor.Peek();
            if (op is not ('|' or '&' or '+' or '*') || cursor.StartsWith("..."))
            {
                cursor.Pos = save;
                return left;
            }
            cursor.Pos++;
            cursor.Skip();
            left = new ScriptValue(ValueKind.Binary, Text: op.ToString(), Items: [left, ReadPrimary(cursor)]);
        }
    }

    private static ScriptValue ReadPrimary(ScriptCursor cursor)
    {
        if (cursor.Match("...")) return ScriptValue.Ellipsis;
        if (cursor.Integer() is { } number) return new ScriptValue(ValueKind.Number, number);
        if (cursor.Match("\""))
            return new ScriptValue(ValueKind.String, Text: cursor.Until("\"") ?? Fail<string>(cursor, "expected \""));
        if (cursor.Match("[")) return new ScriptValue(ValueKind.List, Items: ReadValues(cursor, "]"));
        if (cursor.Match("{")) return new ScriptValue(ValueKind.Struct, Items: ReadValues(cursor, "}"));
        if (cursor.Match("&")) return ReadPrimary(cursor);                 // &addr: the address is the value's
        var name = cursor.Name() ?? Fail<string>(cursor,
            "expected a value: a number, a NAME, ..., a \"string\", [list] or {struct}");
        cursor.Skip(newlines: false);
        if (cursor.Match("("))
        {
            var call = new ScriptValue(ValueKind.Call, Text: name, Items: ReadValues(cursor, ")"));
            cursor.Skip(newlines: false);
            if (cursor.Peek() != '=' || cursor.Peek(1) == '=') return call;
            cursor.Pos++;                                    // msg_iov(1)=[...]: a field named with its length
            cursor.Skip();
            return new ScriptValue(ValueKind.Field, Text: call.ToString(), Items: [ReadValue(cursor)]);
        }
        if (cursor.Peek() == '=' && cursor.Peek(1) != '=')
        {
            cursor.Pos++;
            cursor.Skip();
            return new ScriptValue(ValueKind.Field, Text: name, Items: [ReadValue(cursor)]);
        }
        return new ScriptValue(ValueKind.Name, Text: name);
    }
}
