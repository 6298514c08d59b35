using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Jug.Cloud.Benchmarks;

/// <summary>
/// A short job run in this process: the repository's strict build settings (warnings as errors,
/// central package versions) would also apply to the project BenchmarkDotNet generates for an
/// out-of-process run. Allocations are reported, and throughput for benchmarks with a byte count.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn());
        Options |= ConfigOptions.JoinSummary;
    }
}
