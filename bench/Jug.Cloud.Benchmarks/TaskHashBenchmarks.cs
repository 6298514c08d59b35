using BenchmarkDotNet.Attributes;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Benchmarks;

/// <summary>
/// The identity of one task with a typical argument tuple — an int, a string, a double and another
/// task's result — written inline as the SDK does, and from per-argument digests.
/// </summary>
public class TaskHashBenchmarks
{
    private const string Name = "Pipeline.Features.Extract";
    private readonly TaskHash _dependency = CanonicalHash.OfValue("upstream");
    private ArgumentDigest[] _digests = [];

    [GlobalSetup]
    public void Setup() =>
        _digests =
        [
            new(ArgumentKind.Value, CanonicalHash.OfValue(42)),
            new(ArgumentKind.Value, CanonicalHash.OfValue("sample-0042.csv")),
            new(ArgumentKind.Value, CanonicalHash.OfValue(0.25)),
            new(ArgumentKind.Reference, _dependency),
        ];

    [Benchmark(Baseline = true)]
    public TaskHash InlineArguments()
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.BeginTask(Name, 0);
            writer.WriteValueArgument(42);
            writer.WriteValueArgument("sample-0042.csv");
            writer.WriteValueArgument(0.25);
            writer.WriteReferenceArgument(_dependency);
            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    [Benchmark]
    public TaskHash FromDigests() => CanonicalHash.OfTask(Name, 0, _digests);

    [Benchmark]
    public TaskHash OneInt() => CanonicalHash.OfValue(42);
}
