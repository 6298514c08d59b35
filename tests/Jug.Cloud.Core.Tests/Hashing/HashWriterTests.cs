using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class HashWriterTests
{
    private static TaskHash With(Action<HashWriter> write)
    {
        var writer = HashWriter.Rent();
        try
        {
            write(writer);
            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    private static TaskHash H(object? value) => CanonicalHash.OfValue(value);

    [Fact]
    public void Typed_writes_match_value_writes()
    {
        Assert.Equal(H((byte)7), With(w => w.Write((byte)7)));
        Assert.Equal(H(7), With(w => w.Write(7)));
        Assert.Equal(H(7L), With(w => w.Write(7L)));
        Assert.Equal(H(ulong.MaxValue), With(w => w.Write(ulong.MaxValue)));
        Assert.Equal(H(0.0), With(w => w.Write(-0.0)));
        Assert.Equal(H(double.NaN), With(w => w.Write(-double.NaN)));
        Assert.Equal(H(true), With(w => w.Write(true)));
        Assert.Equal(H("s"), With(w => w.Write("s")));
        Assert.Equal(H(null), With(w => w.Write((string?)null)));
        Assert.Equal(H(new byte[] { 1, 2 }), With(w => w.Write([1, 2])));
        Assert.Equal(H(H("x")), With(w => w.Write(H("x"))));
    }

    [Fact]
    public void Spans_of_primitives_match_arrays()
    {
        Assert.Equal(H(new[] { 1, 2 }), With(w => w.WriteSpan<int>([1, 2])));
        Assert.Equal(H(new[] { 1.5, -0.0 }), With(w => w.WriteSpan<double>([1.5, 0.0])));
        Assert.Equal(H(new[] { (Half)1, Half.NaN }), With(w => w.WriteSpan<Half>([(Half)1, Half.NaN])));
        Assert.Equal(H(new[] { 'a', 'b' }), With(w => w.WriteSpan("ab".AsSpan())));
        Assert.Equal(H(new[] { true }), With(w => w.WriteSpan<bool>([true])));
        Assert.Throws<ArgumentException>(() => With(w => w.WriteSpan<decimal>([1m])));
    }

    [Fact]
    public void A_returned_writer_comes_back_empty_and_cannot_be_returned_twice()
    {
        var expected = H("v");
        var writer = HashWriter.Rent();
        writer.Write("left over");
        HashWriter.Return(writer);
        Assert.Throws<InvalidOperationException>(() => HashWriter.Return(writer));
        Assert.Equal(expected, With(w => w.WriteValue("v")));
    }

    [Fact]
    public void Writes_larger_than_the_buffer_hash_like_small_ones_would()
    {
        var big = Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray();
        Assert.Equal(H(big), With(w => w.WriteSpan<long>(big)));
        Assert.Equal(H(big), With(w =>
        {
            // Fill most of the buffer first, so the array straddles a flush.
            w.WriteValue(new string('x', 1000));
            w.Finish();
            w.WriteValue(big);
        }));
    }

    [Fact]
    public void Hashing_small_values_and_tasks_allocates_nothing()
    {
        object three = 3;
        var hash = H("warm");
        void Work()
        {
            CanonicalHash.OfValue(three);
            CanonicalHash.OfValue("short string");
            var writer = HashWriter.Rent();
            writer.BeginTask("Demo.Square", 0);
            writer.WriteValueArgument(three);
            writer.WriteReferenceArgument(hash);
            writer.Finish();
            HashWriter.Return(writer);
        }

        Work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Work();
        }

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
    }
}
