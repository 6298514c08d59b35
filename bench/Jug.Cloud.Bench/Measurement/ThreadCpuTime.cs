using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// The processor time the calling thread has used. A CPU-bound task measures its own cost with it, so
/// time lost to other processes on a shared machine does not count as the task's work. Falls back to
/// elapsed time where the thread clock is unavailable.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    /// <summary>True if <see cref="Now"/> reads the thread's CPU clock rather than elapsed time.</summary>
    public static bool IsThreadClock { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>The calling thread's CPU time so far (or, without a thread clock, a monotonic elapsed time).</summary>
    public static TimeSpan Now() =>
        IsThreadClock && TryRead(out var time) ? time : Stopwatch.GetElapsedTime(0);

    private static bool TryRead(out TimeSpan time)
    {
        if (ClockGetTime(ClockThreadCpuTime, out var spec) != 0)
        {
            time = default;
            return false;
        }

        time = TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
