using System.Diagnostics;
using System.Runtime;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// Waits for the JIT to go quiet after a warm-up. Tiered compilation recompiles hot methods with full
/// optimisation on a background thread some time after they become hot; for a process of this size
/// that is thousands of methods and seconds of CPU, a one-time cost of the process that would otherwise
/// be charged to whichever measured region follows the warm-up.
/// </summary>
internal static class JitSettle
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    /// <summary>Returns once no method was compiled for three windows in a row (or after 15 s).</summary>
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = JitInfo.GetCompiledMethodCount();
        var quiet = 0;
        while (quiet < 3 && Stopwatch.GetElapsedTime(started) < Longest)
        {
            await Task.Delay(Window, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }
}
