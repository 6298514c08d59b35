using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class CanonicalHashTests
{
    private sealed class NoState;

    private sealed class Custom(string key) : IJugHashable
    {
        public string Ignored { get; } = Guid.NewGuid().ToString();

        public void AppendHash(HashWriter writer) => writer.Write(key);
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    [Fact]
    public void Integers_of_different_types_differ() =>
        Assert.Equal(4, new object[] { 3, 3L, (short)3, 3u }.Select(CanonicalHash.OfValue).Distinct().Count());

    [Fact]
    public void Every_nan_and_signed_zero_in_arrays_is_canonical()
    {
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        Assert.Equal(CanonicalHash.OfValue(new[] { 1.0, 0.0, double.NaN }), CanonicalHash.OfValue(new[] { 1.0, -0.0, otherNaN }));
        Assert.Equal(CanonicalHash.OfValue(new[] { 0f, float.NaN }), CanonicalHash.OfValue(new[] { -0f, -float.NaN }));
        Assert.NotEqual(CanonicalHash.OfValue(new[] { 1.0, 2.0 }), CanonicalHash.OfValue(new[] { 2.0, 1.0 }));
    }

    [Fact]
    public void A_large_array_with_a_negative_zero_hashes_like_the_canonical_one()
    {
        var a = Enumerable.Range(0, 200_000).Select(i => i * 0.25).ToArray();
        var b = (double[])a.Clone();
        a[0] = 0.0;
        b[0] = -0.0;
        Assert.Equal(CanonicalHash.OfValue(a), CanonicalHash.OfValue(b));
        b[199_999] += 1;
        Assert.NotEqual(CanonicalHash.OfValue(a), CanonicalHash.OfValue(b));
    }

    [Fact]
    public void Sets_and_dictionaries_ignore_order_but_not_content()
    {
        var one = new Dictionary<int, string> { [1] = "a", [2] = "b" };
        var two = new Dictionary<int, string> { [2] = "b", [1] = "a" };
        var three = new Dictionary<int, string> { [1] = "b", [2] = "a" };
        Assert.Equal(CanonicalHash.OfValue(one), CanonicalHash.OfValue(two));
        Assert.NotEqual(CanonicalHash.OfValue(one), CanonicalHash.OfValue(three));
        Assert.Equal(CanonicalHash.OfValue(new HashSet<string> { "x", "y" }), CanonicalHash.OfValue(new SortedSet<string> { "y", "x" }));
    }

    [Fact]
    public void Random_distinct_values_have_distinct_digests()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 300).Select(_ => (object)random.NextInt64()).Concat(
            Enumerable.Range(0, 300).Select(i => (object)$"s{i}")).Distinct().ToArray();
        Assert.Equal(values.Length, values.Select(CanonicalHash.OfValue).Distinct().Count());
    }

    [Fact]
    public void A_reused_writer_gives_the_same_digests()
    {
        var first = CanonicalHash.OfValue(new[] { "a", "b" });
        var writer = HashWriter.Rent();
        writer.WriteValue("left over");
        HashWriter.Return(writer);
        Assert.Equal(first, CanonicalHash.OfValue(new[] { "a", "b" }));
    }

    [Fact]
    public void A_custom_hash_replaces_member_hashing()
    {
        Assert.Equal(CanonicalHash.OfValue(new Custom("k")), CanonicalHash.OfValue(new Custom("k")));
        Assert.NotEqual(CanonicalHash.OfValue(new Custom("k")), CanonicalHash.OfValue(new Custom("j")));
    }

    [Fact]
    public void Unhashable_values_say_what_and_why()
    {
        var lambda = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue((Func<int>)(() => 1)));
        Assert.Contains("Func", lambda.Message);
        var empty = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(new NoState()));
        Assert.Contains("IJugHashable", empty.Message);
        var stream = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(new MemoryStream()));
        Assert.Contains("MemoryStream", stream.Message);
    }

    [Fact]
    public void A_cycle_is_refused_rather_than_overflowing_the_stack()
    {
        var node = new Node();
        node.Next = node;
        Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(node));
    }

    [Fact]
    public void Task_hash_round_trips_through_hex()
    {
        var hash = CanonicalHash.OfValue("x");
        Assert.Equal(hash, TaskHash.Parse(hash.ToString()));
        Assert.Equal(hash, TaskHash.Parse(hash.ToString().ToUpperInvariant()));
        Assert.False(TaskHash.TryParse("xyz", out _));
    }
}
