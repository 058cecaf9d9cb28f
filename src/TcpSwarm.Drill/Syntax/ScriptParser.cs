namespace TcpSwarm.Drill.Syntax;

/// <summary>The packetdrill language, parsed here from its documented syntax: every problem is located and reported,
/// the parse going on at the next line after each.</summary>
public static partial class ScriptParser
{
    private const string FlagLetters = "SFRP.EWU-";      // - alone: no flag at all

    /// <summary>Parses a whole script; <see cref="ScriptParseResult.Script"/> is null when any problem was found.
    /// </summary>
    public static ScriptParseResult Parse(string file, string text)
    {
        var cursor = new ScriptCursor(text);
        var events = new List<ScriptEvent>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ScriptProblem>();
        while (true)
        {
            cursor.Skip();
            if (cursor.AtEnd) break;
            int start = cursor.Pos;
            try
            {
                if (events.Count == 0 && cursor.StartsWith("--")) ReadOption(cursor, options);
                else events.Add(ReadEvent(cursor));
                if (!cursor.AtLineEnd) Fail(cursor, "expected the end of the line");
            }
            catch (ParseFailure failure)
            {
                var (line, column) = cursor.Where(failure.Pos);
                problems.Add(new ScriptProblem(file, line, column, failure.Message));
                if (cursor.Pos <= start) cursor.Pos = start + 1;
                cursor.SkipLine();
            }
        }
        return problems.Count > 0
            ? new ScriptParseResult(null, problems)
            : new ScriptParseResult(new Script(file, events, options), problems);
    }

    private static void ReadOption(ScriptCursor cursor, Dictionary<string, string> options)
    {
        cursor.Match("--");
        var name = cursor.Name() ?? Fail<string>(cursor, "expected an option name after --");
        var value = "";
        if (cursor.Match("="))
        {
            int from = cursor.Pos;
            while (!cursor.AtEnd && cursor.Peek() is not ('\n' or ' ' or '\t' or '\r')) cursor.Pos++;
            value = cursor.LineAt(from)[(cursor.LineAt(from).IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        }
        options[name] = value;
    }

    private static ScriptEvent ReadEvent(ScriptCursor cursor)
    {
        int start = cursor.Pos;
        var (line, column) = cursor.Where(start);
        var text = cursor.LineAt(start);
        // A command or a code block may go without a time (the kernel selftests' `./defaults.sh`): it runs then.
        var time = cursor.Peek() == '`' || cursor.StartsWith("%{")
            ? new ScriptTime(TimeKind.Relative, 0)
            : ReadTime(cursor);
        ScriptTime? end = null;
        cursor.Skip(newlines: false);
        if (cursor.Match("..."))
        {
            cursor.Skip(newlines: false);
            end = ReadTime(cursor);
        }
        cursor.Skip(newlines: false);
        char c = cursor.Peek();
        if (c is '<' or '>')
        {
            if (end is not null) Fail(cursor, "a packet cannot have an end time (start...end is for system calls)");
            return ReadPacket(cursor, line, column, time, text);
        }
        if (c == '`')
        {
            cursor.Pos++;
            var command = cursor.Until("`") ?? Fail<string>(cursor, "expected the closing ` of the command");
            return new CommandLine(line, column, time, text, command);
        }
        if (cursor.Match("%{"))
        {
            var code = cursor.Until("}%") ?? Fail<string>(cursor, "expected }% to close the %{ code block");
            return new CodeBlock(line, column, time, text, code);
        }
        if (ScriptCursor.IsNameStart(c)) return ReadSyscall(cursor, line, column, time, end, text);
        return Fail<ScriptEvent>(cursor,
            "expected a packet (< or >), a system call, a `command` or a %{ code }% block after the time");
    }

    private static ScriptTime ReadTime(ScriptCursor cursor)
    {
        if (cursor.Match("*")) return new ScriptTime(TimeKind.Any, 0);
        bool relative = cursor.Match("+");
        var usecs = cursor.Seconds()
                    ?? Fail<long>(cursor, "expected a time: seconds (0.1), relative (+0.1), a range (0.1~0.2) or *");
        if (!cursor.Match("~")) return new ScriptTime(relative ? TimeKind.Relative : TimeKind.Absolute, usecs);
        bool endRelative = cursor.Match("+");
        var endUsecs = cursor.Seconds() ?? Fail<long>(cursor, "expected the end of the time range after ~");
        return new ScriptTime(relative ? TimeKind.Relative : TimeKind.Absolute, usecs, endUsecs, endRelative);
    }

    private static void Fail(ScriptCursor cursor, string message) => throw new ParseFailure(cursor.Pos, message);

    private static T Fail<T>(ScriptCursor cursor, string message) => throw new ParseFailure(cursor.Pos, message);

    private sealed class ParseFailure(int pos, string message) : Exception(message)
    {
        public int Pos { get; } = pos;
    }
}
