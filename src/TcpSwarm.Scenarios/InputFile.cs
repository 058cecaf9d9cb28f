using System.Text;

namespace TcpSwarm.Scenarios;

/// <summary>Reads a file the user names (a scenario, a sysctl file) as text, refusing one past a size limit without
/// reading more than the limit and one byte: /dev/zero, a pipe that never ends or a log named by mistake cost at
/// most that.</summary>
internal static class InputFile
{
    /// <summary>The largest scenario file read: far above any hand-written scenario (load/*.yaml are 1 to 3 KiB).
    /// </summary>
    public const int ScenarioLimitBytes = 1 << 20;

    /// <summary>The largest sysctl file read: `sysctl -a` prints 100 to 300 KiB, more with many interfaces.</summary>
    public const int SysctlLimitBytes = 16 << 20;

    /// <summary>The file's text (UTF-8, or the encoding its byte order mark names), or why not.</summary>
    /// <remarks>Opened once and read once, so a pipe (bash's &lt;(...)) reads as well as a file.</remarks>
    public static bool TryRead(string path, int limitBytes, out string text, out string error)
    {
        text = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1,
                FileOptions.SequentialScan);
            var buffer = new byte[Math.Min(limitBytes + 1, 64 * 1024)];
            using var held = new MemoryStream();
            int read;
            while (held.Length <= limitBytes
                   && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limitBytes + 1 - held.Length))) > 0)
                held.Write(buffer, 0, read);
            if (held.Length > limitBytes)
            {
                error = $"is larger than {Size(limitBytes)}, the most a file here may hold; is it the right file?";
                return false;
            }
            held.Position = 0;
            using var reader = new StreamReader(held, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
            error = "";
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = "no such file";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException
                                      or ArgumentException)
        {
            error = "cannot be read: " + e.Message;
            return false;
        }
    }

    private static string Size(int bytes) => bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}
