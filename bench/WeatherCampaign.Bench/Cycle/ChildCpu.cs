using System.Runtime.InteropServices;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>
/// CPU time (user + system) of this process's children that have exited and been waited for (getrusage RUSAGE_CHILDREN, Linux):
/// the difference across one child's run is that child's CPU, a figure the other load on a shared machine disturbs far less than wall time.
/// </summary>
internal static class ChildCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan? Total()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = new long[18];
        if (GetRusage(RusageChildren, usage) != 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(usage[0] + usage[2]) + TimeSpan.FromMicroseconds(usage[1] + usage[3]);
    }

    // DllImport, not LibraryImport: a blittable array needs no generated marshalling, and the project stays free of unsafe code.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
