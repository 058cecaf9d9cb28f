using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

/// <summary>Loads YAML text into the representation model (every node with its line and column), turning malformed
/// YAML into one located message instead of an exception.</summary>
internal static class YamlDocumentReader
{
    /// <summary>The deepest nesting of mappings and lists read. A scenario needs 5; the representation model
    /// recurses once per level, so the limit is checked on the parser's events, before the model goes deeper.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>The single document's root, or the problem's position and message.</summary>
    public static bool TryRead(string yaml, out YamlNode? root, out int line, out int column, out string message)
    {
        root = null;
        line = column = 1;
        message = "";
        var parser = new LocatingParser(new Parser(new StringReader(yaml)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (TooDeepException e)
        {
            (line, column) = ((int)Math.Max(1, e.At.Line), (int)Math.Max(1, e.At.Column));
            message = $"nested more than {MaxDepth} levels deep; a scenario needs at most 5 (is a bracket unclosed?)";
            return false;
        }
        catch (YamlException e)
        {
            (line, column) = ((int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column));
            message = Clean(e.Message);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException
                                       or OverflowException or NotSupportedException)
        {
            // YamlDotNet reports some malformed input this way, with no position: an unclosed flow collection
            // (InvalidOperationException), a tag that is not a URI (ArgumentException).
            if (parser.OpenFlow is { } open)
            {
                (line, column) = ((int)open.At.Line, (int)open.At.Column);
                message = $"malformed YAML: this '{open.Bracket}' is never closed";
            }
            else
            {
                (line, column) = ((int)Math.Max(1, parser.LastEnd.Line), (int)Math.Max(1, parser.LastEnd.Column));
                var detail = e is ArgumentException a && a.ParamName is { } name
                    ? a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                    : "";
                message = "malformed YAML after this point" + (detail.Length > 0 ? ": " + Sentence(detail) : "");
            }
            return false;
        }
        if (stream.Documents.Count == 0)
        {
            message = "the file is empty; a scenario needs at least duration, servers and clients (or attackers)";
            return false;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            (line, column) = ((int)second.Line, (int)second.Column);
            message = "a second document; a file holds one scenario (remove the '---')";
            return false;
        }
        root = stream.Documents[0].RootNode;
        return true;
    }

    /// <summary>The question the scenario answers: its leading comment up to the first '?' (lines joined), or its
    /// first comment line when there is no '?'; "" when the file does not start with a comment. Control characters
    /// escaped: it is printed.</summary>
    public static string Question(string yaml)
    {
        var lines = new List<string>();
        foreach (var raw in yaml.Split('\n'))
        {
            var line = raw.Trim();
            if (lines.Count == 0 && (line.Length == 0 || line == "---")) continue;
            if (!line.StartsWith('#')) break;
            lines.Add(line.TrimStart('#').Trim());
        }
        if (lines.Count == 0) return "";
        var text = string.Join(" ", lines);
        var mark = text.IndexOf('?', StringComparison.Ordinal);
        return Printable.Of(mark >= 0 ? text[..(mark + 1)] : lines[0]);
    }

    private static string Clean(string message)
    {
        const string Duplicate = "Duplicate key ";
        if (message.StartsWith(Duplicate, StringComparison.Ordinal))
            return $"'{message[Duplicate.Length..]}' appears twice in one mapping; keep one";
        var sentence = Sentence(message);
        return sentence.Length == 0 ? "malformed YAML" : "malformed YAML: " + sentence;
    }

    // "While scanning a plain scalar." -> "while scanning a plain scalar"
    private static string Sentence(string message)
    {
        var m = message.Trim().TrimEnd('.');
        return m.Length == 0 ? "" : char.ToLowerInvariant(m[0]) + m[1..];
    }

    /// <summary>Remembers where the last event ended and which collections are open, to locate the errors YamlDotNet
    /// reports without a position.</summary>
    private sealed class LocatingParser(IParser inner) : IParser
    {
        private readonly Stack<(bool Flow, char Bracket, Mark At)> _open = new();

        public Mark LastEnd { get; private set; } = Mark.Empty;

        /// <summary>The innermost flow collection ({ } or [ ]) not closed yet.</summary>
        public (char Bracket, Mark At)? OpenFlow =>
            _open.FirstOrDefault(c => c.Flow) is { Flow: true } c ? (c.Bracket, c.At) : null;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            switch (inner.Current)
            {
                case MappingStart m: _open.Push((m.Style == MappingStyle.Flow, '{', m.Start)); break;
                case SequenceStart q: _open.Push((q.Style == SequenceStyle.Flow, '[', q.Start)); break;
                case MappingEnd or SequenceEnd when _open.Count > 0: _open.Pop(); break;
            }
            if (_open.Count > MaxDepth) throw new TooDeepException(_open.Peek().At);
            if (inner.Current is { } e) LastEnd = e.End;
            return moved;
        }
    }

    /// <summary>Nesting past <see cref="MaxDepth"/>, raised before the representation model recurses into it.</summary>
    private sealed class TooDeepException(Mark at) : Exception("nested too deep")
    {
        public Mark At { get; } = at;
    }
}
