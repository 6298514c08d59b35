using BenchmarkDotNet.Attributes;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Benchmarks;

/// <summary>Encoding and decoding double[] results (raw little-endian bytes plus the checksummed header).</summary>
public class ArrayCodecBenchmarks
{
    private double[] _doubles = [];
    private byte[] _encoded = [];

    [Params(8_000, 8_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _doubles = [.. Enumerable.Range(0, Bytes / sizeof(double)).Select(i => i * 0.5)];
        _encoded = ResultCodec.Encode(_doubles);
    }

    [Benchmark]
    public byte[] Encode() => ResultCodec.Encode(_doubles);

    [Benchmark]
    public double[] Decode() => ResultCodec.Decode<double[]>(_encoded);
}
