using System.Globalization;

namespace TcpSwarm.Drill.Run;

/// <summary>The small part of Python a <c>%{ }%</c> block uses to check tcpi_* fields: <c>assert</c> statements over
/// integers, names, arithmetic, bit operations, chained comparisons, and/or/not. No Python runs.</summary>
internal sealed class InfoExpression
{
    private readonly string _text;
    private readonly Func<string, double?> _lookup;
    private readonly SortedDictionary<string, double> _used = new(StringComparer.Ordinal);
    private int _pos;

    private InfoExpression(string text, Func<string, double?> lookup) => (_text, _lookup) = (text, lookup);

    /// <summary>Runs every statement: null when all assertions hold, else the first failing one with the values it
    /// read. Throws <see cref="NotSupportedException"/> for anything outside the subset or an unknown name.</summary>
    public static string? Check(string code, Func<string, double?> lookup)
    {
        foreach (var raw in code.Replace("\\\n", " ", StringComparison.Ordinal).Split(['\n', ';']))
        {
            var statement = raw.Trim();
            int hash = statement.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) statement = statement[..hash].Trim();
            if (statement.Length == 0) continue;
            if (!statement.StartsWith("assert ", StringComparison.Ordinal))
                throw new NotSupportedException($"the statement '{statement}' (only assert)");
            var body = statement[7..];
            var e = new InfoExpression(body, lookup);
            double value = e.Or();
            e.Blank();
            if (e._pos < body.Length && body[e._pos] != ',')
                throw new NotSupportedException($"'{body[e._pos..]}' in an assertion");
            if (value == 0)
            {
                var condition = body[..e._pos].Trim();
                var values = string.Join(", ",
                    e._used.Select(u => $"{u.Key}={u.Value.ToString(CultureInfo.InvariantCulture)}"));
                return values.Length > 0 ? $"{condition} ({values})" : condition;
            }
        }
        return null;
    }

    private void Blank()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool Word(string word)
    {
        Blank();
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        int after = _pos + word.Length;
        if (after < _text.Length && (char.IsLetterOrDigit(_text[after]) || _text[after] == '_')) return false;
        _pos = after;
        return true;
    }

    private bool Op(string op)
    {
        Blank();
        if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) != 0) return false;
        _pos += op.Length;
        return true;
    }

    private double Or()
    {
        double left = And();
        while (Word("or")) left = (left != 0) | (And() != 0) ? 1 : 0;
        return left;
    }

    private double And()
    {
        double left = Not();
        while (Word("and")) left = (left != 0) & (Not() != 0) ? 1 : 0;
        return left;
    }

    private double Not() => Word("not") ? (Not() == 0 ? 1 : 0) : Comparison();

    private double Comparison()
    {
        double left = BitOr();
        bool all = true, any = false;
        while (true)
        {
            Func<double, double, bool>? cmp =
                Op("==") ? (a, b) => a == b : Op("!=") ? (a, b) => a != b : Op("<=") ? (a, b) => a <= b
                : Op(">=") ? (a, b) => a >= b : Op("<") ? (a, b) => a < b : Op(">") ? (a, b) => a > b : null;
            if (cmp is null) break;
            any = true;
            double right = BitOr();
            all &= cmp(left, right);
            left = right;
        }
        return any ? (all ? 1 : 0) : left;
    }

    private double BitOr()
    {
        double left = BitAnd();
        while (!Peek("||") && Op("|")) left = (long)left | (long)BitAnd();
        return left;
    }

    private double BitAnd()
    {
        double left = Shift();
        while (!Peek("&&") && Op("&")) left = (long)left & (long)Shift();
        return left;
    }

    private double Shift()
    {
        double left = Sum();
        while (true)
        {
            if (Op("<<")) left = (long)left << (int)Sum();
            else if (Op(">>")) left = (long)left >> (int)Sum();
            else return left;
        }
    }

    private double Sum()
    {
        double left = Product();
        while (true)
        {
            if (Op("+")) left += Product();
            else if (Op("-")) left -= Product();
            else return left;
        }
    }

    private double Product()
    {
        double left = Unary();
        while (true)
        {
            if (Op("//")) left = Math.Floor(left / Unary());
            else if (Op("*")) left *= Unary();
            else if (Op("/")) left /= Unary();
            else if (Op("%")) left %= Unary();
            else return left;
        }
    }

    private double Unary() => Op("-") ? -Unary() : Op("+") ? Unary() : Op("~") ? ~(long)Unary() : Primary();

    private bool Peek(string op)
    {
        Blank();
        return string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0;
    }

    private double Primary()
    {
        Blank();
        if (Op("("))
        {
            double inner = Or();
            if (!Op(")")) throw new NotSupportedException("a tuple or an unclosed '('");
            return inner;
        }
        int start = _pos;
        if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            if (_text[_pos] == '0' && _pos + 1 < _text.Length && _text[_pos + 1] is 'x' or 'X')
            {
                _pos += 2;
                while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos])) _pos++;
                return long.Parse(_text.AsSpan(start + 2, _pos - start - 2), NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture);
            }
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or '_')) _pos++;
            return double.Parse(_text.AsSpan(start, _pos - start).ToString().Replace("_", "", StringComparison.Ordinal),
                CultureInfo.InvariantCulture);
        }
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        var name = _text[start.._pos];
        if (name.Length == 0) throw new NotSupportedException($"'{_text[start..]}'");
        if (name == "True") return 1;
        if (name == "False") return 0;
        Blank();
        if (_pos < _text.Length && _text[_pos] is '(' or '.' or '[')
            throw new NotSupportedException($"'{name}{_text[_pos]}…' (calls, attributes and indexing)");
        var value = _lookup(name) ?? throw new NotSupportedException($"the name {name}");
        if (name.StartsWith("tcpi_", StringComparison.Ordinal)) _used[name] = value;
        return value;
    }
}
