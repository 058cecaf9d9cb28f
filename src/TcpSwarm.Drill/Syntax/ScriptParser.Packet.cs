namespace TcpSwarm.Drill.Syntax;

public static partial class ScriptParser
{
    // < flags start:end(length) [ack N] [win N] [<options>], with ECN marks [ect0] and urg refused as unsupported.
    private static PacketLine ReadPacket(ScriptCursor cursor, int line, int column, ScriptTime time, string text)
    {
        bool inbound = cursor.Peek() == '<';
        cursor.Pos++;
        cursor.Skip(newlines: false);
        string? unsupported = null;
        if (cursor.Peek() == '[')
        {
            unsupported = "ECN codepoints on the IP header";
            if (cursor.Until("]") is null) Fail(cursor, "expected ] to close the IP codepoint");
            cursor.Skip(newlines: false);
        }
        int wordAt = cursor.Pos;
        if (cursor.Name() is { } kind && char.IsAsciiLetterLower(kind[0]))
        {
            // Another kind of packet (icmp, udp, encap psp …): outside the model, read to the end of its line.
            cursor.SkipLine();
            return new PacketLine(line, column, time, null, text, inbound, "", 0, 0, 0, null, null, null, false,
                $"{kind} packets");
        }
        cursor.Pos = wordAt;
        int flagsAt = cursor.Pos;
        while (!cursor.AtEnd && cursor.Peek() is not (' ' or '\t' or '\n' or '\r'))
        {
            if (!FlagLetters.Contains(cursor.Peek(), StringComparison.Ordinal))
                Fail(cursor, $"'{cursor.Peek()}' is not a TCP flag; use S, F, R, P, . (ACK), E, W, U, or - for none");
            cursor.Pos++;
        }
        if (cursor.Pos == flagsAt) Fail(cursor, "expected TCP flags (S, F, R, P, . for ACK)");
        var flags = text.Length > 0 ? cursorText(cursor, flagsAt) : "";
        if (flags.IndexOfAny(['E', 'W', 'U']) >= 0) unsupported ??= "ECN and URG flags (E, W, U)";
        cursor.Skip(newlines: false);
        var startSeq = cursor.Integer() ?? Fail<long>(cursor, "expected the sequence range START:END(LENGTH)");
        if (!cursor.Match(":")) Fail(cursor, "expected ':' in the sequence range START:END(LENGTH)");
        var endSeq = cursor.Integer() ?? Fail<long>(cursor, "expected END in the sequence range START:END(LENGTH)");
        if (!cursor.Match("(")) Fail(cursor, "expected '(' and the payload length after START:END");
        var length = cursor.Integer() ?? Fail<long>(cursor, "expected the payload length in START:END(LENGTH)");
        if (!cursor.Match(")")) Fail(cursor, "expected ')' after the payload length");
        if (length < 0 || length > 65535 || endSeq - startSeq != length && (uint)(endSeq - startSeq) != length)
            Fail(cursor, $"the range {startSeq}:{endSeq} does not hold {length} bytes");

        long? ack = null, window = null;
        IReadOnlyList<PacketOption>? options = null;
        bool anyOptions = false;
        while (!cursor.AtLineEnd)
        {
            cursor.Skip(newlines: false);
            if (cursor.Peek() == '<')
            {
                if (options is not null || anyOptions) Fail(cursor, "the option list is given twice");
                (options, anyOptions) = ReadOptions(cursor, ref unsupported);
                continue;
            }
            int at = cursor.Pos;
            var word = cursor.Name();
            switch (word)
            {
                case "ack":
                    cursor.Skip(newlines: false);
                    ack = cursor.Integer() ?? Fail<long>(cursor, "expected the acknowledgment number after ack");
                    break;
                case "win":
                    cursor.Skip(newlines: false);
                    window = cursor.Integer() ?? Fail<long>(cursor, "expected the window after win");
                    if (window is < 0 or > 65535) Fail(cursor, "a window is 0 to 65535");
                    break;
                case "urg":
                    cursor.Skip(newlines: false);
                    _ = cursor.Integer() ?? Fail<long>(cursor, "expected the urgent pointer after urg");
                    unsupported ??= "the urgent pointer";
                    break;
                default:
                    cursor.Pos = at;
                    Fail(cursor, "expected ack N, win N or <options> in the packet");
                    break;
            }
        }
        return new PacketLine(line, column, time, null, text, inbound, flags, startSeq, endSeq, (int)length, ack,
            window, options, anyOptions, unsupported);

        static string cursorText(ScriptCursor c, int from)
        {
            int to = c.Pos;
            var chars = new char[to - from];
            c.Pos = from;
            for (int i = 0; i < chars.Length; i++) chars[i] = c.Peek(i);
            c.Pos = to;
            return new string(chars);
        }
    }

    private static (IReadOnlyList<PacketOption>?, bool) ReadOptions(ScriptCursor cursor, ref string? unsupported)
    {
        cursor.Match("<");
        cursor.Skip(newlines: false);
        if (cursor.Match("..."))
        {
            cursor.Skip(newlines: false);
            if (!cursor.Match(">")) Fail(cursor, "expected > after <...");
            return (null, true);
        }
        var list = new List<PacketOption>();
        while (true)
        {
            cursor.Skip(newlines: false);
            list.Add(ReadOption(cursor, ref unsupported));
            cursor.Skip(newlines: false);
            if (cursor.Match(">")) return (list, false);
            if (!cursor.Match(",")) Fail(cursor, "expected ',' or '>' in the option list");
        }
    }

    private static PacketOption ReadOption(ScriptCursor cursor, ref string? unsupported)
    {
        var name = cursor.Name() ?? Fail<string>(cursor,
            "expected a TCP option: nop, eol, mss N, wscale N, sackOK, TS val N ecr N");
        switch (name)
        {
            case "nop" or "eol" or "sackOK":
                return new PacketOption(name);
            case "mss" or "wscale":
                cursor.Skip(newlines: false);
                if (cursor.Name() is { } symbol)
                {
                    unsupported ??= $"the symbol {symbol} (a packetdrill -D definition)";
                    return new PacketOption(name);
                }
                return new PacketOption(name,
                    cursor.Integer() ?? Fail<long>(cursor, $"expected a number after {name}"));
            case "TS":
                cursor.Skip(newlines: false);
                if (cursor.Name() != "val") Fail(cursor, "expected 'val N ecr N' after TS");
                cursor.Skip(newlines: false);
                var val = cursor.Integer() ?? Fail<long>(cursor, "expected the TS value after val");
                cursor.Skip(newlines: false);
                if (cursor.Name() != "ecr") Fail(cursor, "expected 'ecr N' after the TS value");
                cursor.Skip(newlines: false);
                var ecr = cursor.Integer() ?? Fail<long>(cursor, "expected the echoed value after ecr");
                return new PacketOption("TS", val, ecr);
            case "sack" or "FO" or "FOEXP" or "md5" or "mptcp" or "exp" or "exp_tfo" or "tfo" or "AccECN0" or "AccECN1"
                or "accecn0" or "accecn1" or "fo" or "exp-tfo":
                unsupported ??= name == "sack" ? "SACK blocks" : $"the {name} option";
                while (!cursor.AtEnd && cursor.Peek() is not (',' or '>' or '\n')) cursor.Pos++;
                return new PacketOption(name);
            default:
                cursor.Pos -= name.Length;
                return Fail<PacketOption>(cursor,
                    $"unknown TCP option '{name}'; expected nop, eol, mss N, wscale N, sackOK, TS val N ecr N");
        }
    }
}
