using System.Globalization;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// The process's peak resident set over a region. On Linux the kernel keeps the peak (VmHWM) and lets a
/// process reset it (writing 5 to /proc/self/clear_refs), which catches spikes no sampler would; where
/// that is unavailable a thread samples the working set every 10 ms.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    private readonly bool _kernelPeak;
    private readonly Thread? _sampler;
    private volatile bool _stop;
    private long _sampledPeak;

    private PeakMemory(bool kernelPeak)
    {
        _kernelPeak = kernelPeak;
        _sampledPeak = Environment.WorkingSet;
        if (!kernelPeak)
        {
            _sampler = new Thread(Sample) { IsBackground = true, Name = "bench-memory-sampler" };
            _sampler.Start();
        }
    }

    /// <summary>Starts watching from now.</summary>
    public static PeakMemory Start() => new(TryResetKernelPeak());

    /// <summary>The peak resident set since <see cref="Start"/>, in bytes.</summary>
    public long Peak => _kernelPeak && ReadKernelPeak() is { } peak ? peak : Math.Max(_sampledPeak, Environment.WorkingSet);

    public void Dispose()
    {
        _stop = true;
        _sampler?.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            _sampledPeak = Math.Max(_sampledPeak, Environment.WorkingSet);
            Thread.Sleep(10);
        }
    }

    private static bool TryResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText(ClearRefs, "5");
            return ReadKernelPeak() is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadKernelPeak()
    {
        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
