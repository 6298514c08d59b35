using BenchmarkDotNet.Attributes;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Benchmarks;

/// <summary>Encoding and decoding small results: a scalar and a typical record.</summary>
public class ResultCodecBenchmarks
{
    private readonly Sample _record = new("sample-0042", 42, [0.5, 1.5, 2.5], new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 });
    private byte[] _encodedLong = [];
    private byte[] _encodedRecord = [];

    [GlobalSetup]
    public void Setup()
    {
        _encodedLong = ResultCodec.Encode(42L);
        _encodedRecord = ResultCodec.Encode(_record);
    }

    [Benchmark]
    public byte[] EncodeLong() => ResultCodec.Encode(42L);

    [Benchmark]
    public long DecodeLong() => ResultCodec.Decode<long>(_encodedLong);

    [Benchmark]
    public byte[] EncodeRecord() => ResultCodec.Encode(_record);

    [Benchmark]
    public Sample DecodeRecord() => ResultCodec.Decode<Sample>(_encodedRecord);

    /// <summary>A typical small record result.</summary>
    public sealed record Sample(string Name, int Count, double[] Values, Dictionary<string, double> Scores);
}
