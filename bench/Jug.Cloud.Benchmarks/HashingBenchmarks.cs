using BenchmarkDotNet.Attributes;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Benchmarks;

/// <summary>Canonical hashing of large array arguments: byte[] and double[] (doubles are canonicalised: -0.0, NaN).</summary>
public class HashingBenchmarks
{
    private byte[] _bytes = [];
    private double[] _doubles = [];

    [Params(1 << 20, 100_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _bytes = new byte[Bytes];
        random.NextBytes(_bytes);
        _doubles = new double[Bytes / sizeof(double)];
        for (var i = 0; i < _doubles.Length; i++)
        {
            _doubles[i] = random.NextDouble();
        }
    }

    [Benchmark]
    public TaskHash ByteArray() => CanonicalHash.OfValue(_bytes);

    [Benchmark]
    public TaskHash DoubleArray() => CanonicalHash.OfValue(_doubles);
}
