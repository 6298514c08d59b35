using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Core.Tests.Encoding;

public record Sample(string Name, int Count, double[] Values);

public sealed class Mutable
{
    public string? Label { get; set; }

    public List<int> Items { get; set; } = [];
}

public enum Level { Low, High }

[Trait("Category", "Unit")]
public sealed class ResultCodecTests
{
    private static T RoundTrip<T>(T value) => ResultCodec.Decode<T>(ResultCodec.Encode(value));

    [Fact]
    public void Primitive_arrays_round_trip_bit_exact_through_the_raw_codec()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123);
        var values = new[] { 1.5, -0.0, nan, double.MaxValue };
        var stored = ResultCodec.Encode(values);
        Assert.Equal(CodecId.RawArray, StoredObject.ReadHeader(stored).Codec);
        var back = ResultCodec.Decode<double[]>(stored);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(new[] { 1, 2, 3 }, RoundTrip(new[] { 1, 2, 3 }));
        Assert.Equal(new byte[] { 9, 8 }, RoundTrip(new byte[] { 9, 8 }));
        Assert.Equal(new[] { true, false }, RoundTrip(new[] { true, false }));
    }

    [Fact]
    public void A_raw_array_reads_as_a_read_only_list_but_not_as_another_element_type()
    {
        var stored = ResultCodec.Encode(new long[] { 4, 5 });
        Assert.Equal(new long[] { 4, 5 }, ResultCodec.Decode<IReadOnlyList<long>>(stored));
        Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<int[]>(stored));
    }

    [Fact]
    public void Records_classes_tuples_and_collections_round_trip_without_attributes()
    {
        var sample = RoundTrip(new Sample("a", 2, [1.0, 2.0]));
        Assert.Equal("a", sample.Name);
        Assert.Equal(2, sample.Count);
        Assert.Equal([1.0, 2.0], sample.Values);

        var mutable = RoundTrip(new Mutable { Label = "m", Items = [1, 2] });
        Assert.Equal("m", mutable.Label);
        Assert.Equal([1, 2], mutable.Items);

        Assert.Equal((3, "x"), RoundTrip((3, "x")));
        Assert.Equal(new Dictionary<int, string> { [1] = "a" }, RoundTrip(new Dictionary<int, string> { [1] = "a" }));
        Assert.Equal(new List<string> { "p", "q" }, RoundTrip(new List<string> { "p", "q" }));
        Assert.Equal(new HashSet<int> { 1, 2 }, RoundTrip(new HashSet<int> { 1, 2 }));
        Assert.Equal(Level.High, RoundTrip(Level.High));
        Assert.Equal(12.5m, RoundTrip(12.5m));
        Assert.Equal("text", RoundTrip("text"));
        Assert.Null(RoundTrip<string?>(null));
        Assert.Equal(42L, RoundTrip(42L));
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        Assert.Equal(when, RoundTrip(when));
    }

    [Fact]
    public void Truncated_altered_or_foreign_objects_are_reported_corrupt()
    {
        var stored = ResultCodec.Encode(new Sample("a", 1, [1.0]));
        Assert.Throws<CorruptObjectException>(() => ResultCodec.Decode<Sample>(stored.AsMemory(0, stored.Length - 1)));
        var flipped = (byte[])stored.Clone();
        flipped[^1] ^= 0xFF;
        Assert.Throws<CorruptObjectException>(() => ResultCodec.Decode<Sample>(flipped));
        var magic = (byte[])stored.Clone();
        magic[0] = (byte)'X';
        Assert.Throws<CorruptObjectException>(() => ResultCodec.Decode<Sample>(magic));
        var version = (byte[])stored.Clone();
        version[4] = 99;
        Assert.Throws<CorruptObjectException>(() => ResultCodec.Decode<Sample>(version));
        Assert.Throws<CorruptObjectException>(() => ResultCodec.Decode<Sample>(new byte[3]));
        Assert.False(StoredObject.IsValid(flipped));
        Assert.True(StoredObject.IsValid(stored));
    }

    [Fact]
    public void Encoding_a_large_array_copies_it_once()
    {
        var values = new double[6_000_000];
        ResultCodec.Encode(new double[16]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stored = ResultCodec.Encode(values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(values.Length * 8 + StoredObject.HeaderSize, stored.Length);
        Assert.InRange(allocated, stored.Length, (long)(stored.Length * 1.2));
    }

    [Fact]
    public void Failure_records_round_trip_and_verify()
    {
        var record = new FailureRecord(TaskHash.Parse(new string('b', 64)), "Demo.Fail", "System.InvalidOperationException", "boom", "at Demo.Fail()", 2, "host:1", DateTimeOffset.UnixEpoch);
        Assert.Equal(record, FailureRecordCodec.Decode(FailureRecordCodec.Encode(record)));
    }
}
