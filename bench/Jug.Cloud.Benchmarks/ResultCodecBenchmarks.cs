using BenchmarkDotNet.Attributes;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Benchmarks;

/// <summary>Encoding and decoding results: a scalar, a small record, and raw double arrays.</summary>
public class ResultCodecBenchmarks
{
    private readonly Sample _record = new("sample-0042", 42, [0.5, 1.5, 2.5], new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 });
    private double[] _doubles = [];
    private byte[] _encodedLong = [];
    private byte[] _encodedRecord = [];
    private byte[] _encodedDoubles = [];

    [Params(8_000, 8_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _doubles = [.. Enumerable.Range(0, Bytes / sizeof(double)).Select(i => i * 0.5)];
        _encodedLong = ResultCodec.Encode(42L);
        _encodedRecord = ResultCodec.Encode(_record);
        _encodedDoubles = ResultCodec.Encode(_doubles);
    }

    [Benchmark]
    public byte[] EncodeLong() => ResultCodec.Encode(42L);

    [Benchmark]
    public long DecodeLong() => ResultCodec.Decode<long>(_encodedLong);

    [Benchmark]
    public byte[] EncodeRecord() => ResultCodec.Encode(_record);

    [Benchmark]
    public Sample DecodeRecord() => ResultCodec.Decode<Sample>(_encodedRecord);

    [Benchmark]
    public byte[] EncodeDoubles() => ResultCodec.Encode(_doubles);

    [Benchmark]
    public double[] DecodeDoubles() => ResultCodec.Decode<double[]>(_encodedDoubles);

    /// <summary>A typical small record result.</summary>
    public sealed record Sample(string Name, int Count, double[] Values, Dictionary<string, double> Scores);
}
