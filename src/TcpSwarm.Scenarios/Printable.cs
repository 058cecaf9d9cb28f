using System.Globalization;
using System.Text;

namespace TcpSwarm.Scenarios;

/// <summary>Text from the user made safe to echo on a terminal: control and format characters (ESC, CR, a bidi
/// override) are shown escaped (\e, \r, \u202E), so a scenario cannot move the cursor, recolour the terminal or
/// hide part of a message.</summary>
public static class Printable
{
    /// <summary>The text with every control or format character escaped; other text as it is.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape)) return text;
        var b = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!NeedsEscape(c)) b.Append(c);
            else b.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\x1b' => "\\e",
                < '\x100' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return b.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
