using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Core.Tests.Encoding;

/// <summary>General results through MessagePack: no attributes on the types, declared type decides what comes back.</summary>
[Trait("Category", "Unit")]
public sealed class ResultCodecTests
{
    private static T RoundTrip<T>(T value)
    {
        var stored = ResultCodec.Encode(value);
        if (value is not Array)
        {
            Assert.Equal(CodecId.MessagePack, StoredObject.ReadHeader(stored).Codec);
        }

        return ResultCodec.Decode<T>(stored);
    }

    [Fact]
    public void Records_and_classes_round_trip_without_attributes()
    {
        var sample = RoundTrip(new Sample("a", 2, [1.0, 2.0]));
        Assert.Equal(("a", 2), (sample.Name, sample.Count));
        Assert.Equal([1.0, 2.0], sample.Values);
        Assert.Equal(new Settings { Label = "s", Level = 3 }, RoundTrip(new Settings { Label = "s", Level = 3 }));

        var mutable = RoundTrip(new Mutable { Label = "m", Items = [1, 2] });
        Assert.Equal("m", mutable.Label);
        Assert.Equal([1, 2], mutable.Items);
        Assert.Equal("p", RoundTrip(new PrivateSetter("p")).Name);
    }

    [Fact]
    public void Tuples_and_collections_round_trip()
    {
        Assert.Equal((3, "x"), RoundTrip((3, "x")));
        Assert.Equal(Tuple.Create(3, "x"), RoundTrip(Tuple.Create(3, "x")));
        Assert.Equal(new List<string> { "p", "q" }, RoundTrip(new List<string> { "p", "q" }));
        Assert.Equal(new List<double> { 1.5, double.NaN }, RoundTrip(new List<double> { 1.5, double.NaN }));
        Assert.Equal(new HashSet<int> { 1, 2 }, RoundTrip(new HashSet<int> { 1, 2 }));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1 }, RoundTrip(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal(new Dictionary<int, string> { [1] = "a" }, RoundTrip(new Dictionary<int, string> { [1] = "a" }));
        Assert.Equal(new Dictionary<(int, int), string> { [(1, 2)] = "z" }, RoundTrip(new Dictionary<(int, int), string> { [(1, 2)] = "z" }));
        Assert.Equal(new Dictionary<Level, Guid> { [Level.High] = Guid.Empty }, RoundTrip(new Dictionary<Level, Guid> { [Level.High] = Guid.Empty }));
        Assert.Equal(new[] { "a", null }, RoundTrip(new[] { "a", null }));
    }

    [Fact]
    public void Nested_combinations_round_trip()
    {
        var value = new Dictionary<string, List<(Sample Sample, Settings? Settings)>>
        {
            ["one"] = [(new Sample("a", 1, [0.5]), new Settings { Label = "x" }), (new Sample("b", 2, []), null)],
            ["none"] = [],
        };
        var back = RoundTrip(value);
        Assert.Equal(["none", "one"], back.Keys.Order());
        Assert.Equal("b", back["one"][1].Sample.Name);
        Assert.Equal([0.5], back["one"][0].Sample.Values);
        Assert.Equal("x", back["one"][0].Settings!.Label);
        Assert.Null(back["one"][1].Settings);
    }

    [Fact]
    public void Scalars_round_trip()
    {
        Assert.Equal(Level.High, RoundTrip(Level.High));
        Assert.Equal(12.50m, RoundTrip(12.50m));
        Assert.Equal("text", RoundTrip("text"));
        Assert.Equal("naïve 日本", RoundTrip("naïve 日本"));
        Assert.Null(RoundTrip<string?>(null));
        Assert.Null(RoundTrip<Sample?>(null));
        Assert.Equal(42L, RoundTrip(42L));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(-0.0, RoundTrip(-0.0));
        Assert.True(RoundTrip(true));
        Assert.Equal('é', RoundTrip('é'));
        var guid = Guid.NewGuid();
        Assert.Equal(guid, RoundTrip(guid));
        Assert.Equal(TimeSpan.FromTicks(123), RoundTrip(TimeSpan.FromTicks(123)));
        Assert.Equal((int?)5, RoundTrip((int?)5));
    }

    [Fact]
    public void Date_times_keep_their_kind()
    {
        foreach (var kind in Enum.GetValues<DateTimeKind>())
        {
            var when = new DateTime(2024, 5, 6, 7, 8, 9, kind).AddTicks(1);
            var back = RoundTrip(when);
            Assert.Equal((when.Ticks, kind), (back.Ticks, back.Kind));
        }

        var offset = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        Assert.Equal(offset, RoundTrip(offset));
    }

    [Fact]
    public void A_result_declared_as_object_or_an_interface_comes_back_as_what_was_returned()
    {
        object?[] values = [3, 3L, "s", 1.5m, Level.High, new Sample("a", 1, [2.0]), new List<int> { 1, 2 }, (1, "x"), null];
        foreach (var value in values)
        {
            var back = ResultCodec.Decode<object?>(ResultCodec.Encode(value));
            Assert.Equal(value?.GetType(), back?.GetType());
        }

        var shape = ResultCodec.Decode<IShape>(ResultCodec.Encode<IShape>(new Square(3)));
        Assert.Equal(new Square(3), shape);
        Assert.Equal(9, shape.Area);
    }

    [Fact]
    public void Reading_a_result_as_an_unrelated_type_says_so()
    {
        var stored = ResultCodec.Encode(new Sample("a", 1, [1.0]));
        Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<int>(stored));
        var boxed = ResultCodec.Encode<object>("text");
        Assert.Contains("Int32", Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<IComparable<int>>(boxed)).Message);
    }

    [Fact]
    public void Failure_records_round_trip_and_verify()
    {
        var record = new FailureRecord(TaskHash.Parse(new string('b', 64)), "Demo.Fail", "System.InvalidOperationException", "boom", "at Demo.Fail()", 2, "host:1", DateTimeOffset.UnixEpoch);
        Assert.Equal(record, FailureRecordCodec.Decode(FailureRecordCodec.Encode(record)));
    }
}
