using System.Diagnostics;
using System.Runtime;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// Measures one region of a scenario: wall time, the process's CPU time and its peak working set.
/// Starting collects garbage first, so one scenario's leftovers are not counted against the next.
/// </summary>
internal sealed class ResourceMeter : IDisposable
{
    private readonly Stopwatch _clock;
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan _kernelCpuAtStart;
    private readonly PeakMemory _peak;
    private Measurement? _result;

    private ResourceMeter()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _peak = PeakMemory.Start();
        (_cpuAtStart, _kernelCpuAtStart) = CpuTime();
        _clock = Stopwatch.StartNew();
    }

    /// <summary>Starts measuring now.</summary>
    public static ResourceMeter Start() => new();

    /// <summary>Time since the start (the meter keeps running).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Stops measuring; later calls return the same result.</summary>
    public Measurement Stop()
    {
        if (_result is null)
        {
            _clock.Stop();
            var (cpu, kernel) = CpuTime();
            _result = new Measurement(_clock.Elapsed, cpu - _cpuAtStart, _peak.Peak) { KernelCpu = kernel - _kernelCpuAtStart };
            _peak.Dispose();
        }

        return _result;
    }

    public void Dispose() => Stop();

    private static (TimeSpan Total, TimeSpan Kernel) CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime, process.PrivilegedProcessorTime);
    }
}
