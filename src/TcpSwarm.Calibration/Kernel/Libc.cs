using System.Runtime.InteropServices;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>The two system calls .NET does not offer: joining a network namespace, and a packet's receive stamp.
/// </summary>
internal static partial class Libc
{
    /// <summary>CLONE_NEWNET: the namespace type setns(2) is asked to join.</summary>
    public const int CloneNewNet = 0x4000_0000;

    /// <summary>SIOCGSTAMPNS: the kernel's receive time (CLOCK_REALTIME) of the last packet read from a socket.
    /// </summary>
    public const ulong SiocGStampNs = 0x8907;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>setns(2): moves the calling thread (only it) into the namespace the descriptor names.</summary>
    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlTimespec(nint fd, ulong request, out Timespec value);

    /// <summary>recv(2) without .NET's exception on a timeout: -1 with errno EAGAIN when SO_RCVTIMEO expired.</summary>
    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(nint fd, byte[] buffer, nint length, int flags);
}
