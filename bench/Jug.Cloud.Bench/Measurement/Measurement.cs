namespace Jug.Cloud.Bench.Measurement;

/// <summary>What a measured region of a scenario cost the process.</summary>
/// <param name="Wall">Elapsed time.</param>
/// <param name="Cpu">Processor time of the whole process (all threads, user and kernel).</param>
/// <param name="PeakWorkingSet">The largest resident set of the process during the region, in bytes.</param>
internal sealed record Measurement(TimeSpan Wall, TimeSpan Cpu, long PeakWorkingSet)
{
    /// <summary>The part of <see cref="Cpu"/> spent in the kernel (system calls, page faults, copies to and from the page cache).</summary>
    public TimeSpan KernelCpu { get; init; }
}
