using System.Runtime.InteropServices;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>SIGTERM, which .NET cannot send by itself (Process.Kill is SIGKILL): a graceful stop, as docker stop does.</summary>
internal static class Posix
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {pid} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in a test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
