using System.Globalization;

namespace TcpSwarm.Drill.Syntax;

// The parser's position in the text, with the lexical pieces of the packetdrill language: blanks and comments
// (// to the end of the line, /* */), numbers (decimal, hexadecimal, fractions of seconds), names, fixed tokens.
internal sealed class ScriptCursor(string text)
{
    private readonly string _text = text;

    public int Pos { get; set; }
    public bool AtEnd => Pos >= _text.Length;
    public char Peek(int ahead = 0) => Pos + ahead < _text.Length ? _text[Pos + ahead] : '\0';

    public (int Line, int Column) Where(int pos)
    {
        int line = 1, start = 0;
        for (int i = 0; i < pos && i < _text.Length; i++)
            if (_text[i] == '\n') (line, start) = (line + 1, i + 1);
        return (line, pos - start + 1);
    }

    /// <summary>The whole line that holds a position, trimmed.</summary>
    public string LineAt(int pos)
    {
        int start = pos > 0 ? _text.LastIndexOf('\n', Math.Min(pos, _text.Length) - 1) + 1 : 0;
        int end = _text.IndexOf('\n', Math.Min(pos, _text.Length));
        return _text[start..(end < 0 ? _text.Length : end)].Trim();
    }

    /// <summary>Skips blanks and comments; newlines too unless <paramref name="newlines"/> is false.</summary>
    public void Skip(bool newlines = true)
    {
        while (!AtEnd)
        {
            char c = Peek();
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n')) Pos++;
            else if (c == '/' && Peek(1) == '/') { while (!AtEnd && Peek() != '\n') Pos++; }
            else if (c == '/' && Peek(1) == '*')
            {
                int close = _text.IndexOf("*/", Pos + 2, StringComparison.Ordinal);
                Pos = close < 0 ? _text.Length : close + 2;
            }
            else break;
        }
    }

    public bool AtLineEnd
    {
        get
        {
            int save = Pos;
            Skip(newlines: false);
            bool end = AtEnd || Peek() == '\n';
            Pos = save;
            return end;
        }
    }

    public void SkipLine()
    {
        while (!AtEnd && Peek() != '\n') Pos++;
    }

    public bool Match(string token)
    {
        if (string.CompareOrdinal(_text, Pos, token, 0, token.Length) != 0) return false;
        Pos += token.Length;
        return true;
    }

    public bool StartsWith(string token) => string.CompareOrdinal(_text, Pos, token, 0, token.Length) == 0;

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public string? Name()
    {
        if (!IsNameStart(Peek())) return null;
        int start = Pos;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_') Pos++;
        return _text[start..Pos];
    }

    /// <summary>An integer, decimal or 0x hexadecimal, with an optional minus sign.</summary>
    public long? Integer()
    {
        int start = Pos;
        bool negative = Match("-");
        if (Peek() == '0' && Peek(1) is 'x' or 'X')
        {
            Pos += 2;
            int digits = Pos;
            while (char.IsAsciiHexDigit(Peek())) Pos++;
            if (Pos > digits && long.TryParse(_text.AsSpan(digits, Pos - digits), NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture, out var hex))
                return negative ? -hex : hex;
            Pos = start;
            return null;
        }
        int from = Pos;
        while (char.IsAsciiDigit(Peek())) Pos++;
        if (Pos > from && long.TryParse(_text.AsSpan(from, Pos - from), NumberStyles.None,
                CultureInfo.InvariantCulture, out var value))
            return negative ? -value : value;
        Pos = start;
        return null;
    }

    /// <summary>Seconds as written in a time (<c>0</c>, <c>.04</c>, <c>1.5</c>), in microseconds.</summary>
    public long? Seconds()
    {
        int start = Pos;
        while (char.IsAsciiDigit(Peek())) Pos++;
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Pos++;
            while (char.IsAsciiDigit(Peek())) Pos++;
        }
        if (Pos == start) return null;
        if (!decimal.TryParse(_text.AsSpan(start, Pos - start), NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var seconds) || seconds > 1_000_000m)
        {
            Pos = start;
            return null;
        }
        return (long)Math.Round(seconds * 1_000_000m);
    }

    /// <summary>The text up to (not including) a closing token, which is consumed; null when it never comes.</summary>
    public string? Until(string close)
    {
        int end = _text.IndexOf(close, Pos, StringComparison.Ordinal);
        if (end < 0) return null;
        var body = _text[Pos..end];
        Pos = end + close.Length;
        return body;
    }
}
