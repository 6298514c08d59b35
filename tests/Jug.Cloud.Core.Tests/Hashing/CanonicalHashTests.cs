using System.Collections;
using System.Runtime.InteropServices;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class CanonicalHashTests
{
    private sealed class Custom(string key) : IJugHashable
    {
        public string Ignored { get; } = Guid.NewGuid().ToString();

        public void AppendHash(HashWriter writer) => writer.Write(key);
    }

    /// <summary>A generic dictionary that is not a non-generic IDictionary.</summary>
    private sealed class ReadOnlyMap(Dictionary<string, int> inner) : IReadOnlyDictionary<string, int>
    {
        public int this[string key] => inner[key];

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<int> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => inner.ContainsKey(key);

        public bool TryGetValue(string key, out int value) => inner.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => inner.Reverse().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private class Base
    {
        public int Value { get; set; } = 1;
    }

    private sealed class Hiding : Base
    {
        public new string Value { get; set; } = "derived";
    }

    private static TaskHash H(object? value) => CanonicalHash.OfValue(value);

    [Fact]
    public void Integers_of_different_types_differ() =>
        Assert.Equal(4, new object[] { 3, 3L, (short)3, 3u }.Select(CanonicalHash.OfValue).Distinct().Count());

    [Fact]
    public void Every_nan_and_signed_zero_in_arrays_is_canonical()
    {
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        Assert.Equal(H(new[] { 1.0, 0.0, double.NaN }), H(new[] { 1.0, -0.0, otherNaN }));
        Assert.Equal(H(new[] { 0f, float.NaN }), H(new[] { -0f, -float.NaN }));
        Assert.Equal(H(new[] { Half.Zero, Half.NaN }), H(new[] { Half.NegativeZero, BitConverter.Int16BitsToHalf(0x7C01) }));
        Assert.NotEqual(H(new[] { 1.0, 2.0 }), H(new[] { 2.0, 1.0 }));
        Assert.NotEqual(H(new[] { double.PositiveInfinity }), H(new[] { double.NaN }));
    }

    [Fact]
    public void Sequences_hash_by_content_whatever_the_collection()
    {
        var expected = H(new[] { "a", "b" });
        Assert.Equal(expected, H(new List<string> { "a", "b" }));
        Assert.Equal(expected, H(new[] { "a", "b" }.Select(s => s)));
        Assert.Equal(H(new[] { 1, 2, 3 }), H(new ReadOnlyMemory<int>([1, 2, 3])));
        Assert.Equal(H(new[] { 1, 2, 3 }), H(new Memory<int>([0, 1, 2, 3, 4])[1..4]));
        Assert.Equal(H(new[] { 1, 2, 3 }), H(new ArraySegment<int>([9, 1, 2, 3], 1, 3)));
        Assert.NotEqual(H(new[] { "a", "b" }), H(new[] { "ab" }));
    }

    [Fact]
    public void Multi_dimensional_arrays_include_their_shape()
    {
        var digests = new[] { H(new int[2, 3]), H(new int[3, 2]), H(new int[6]), H(new int[1, 6]) };
        Assert.Equal(4, digests.Distinct().Count());
        Assert.Equal(H(new[,] { { "a" }, { "b" } }), H(new[,] { { "a" }, { "b" } }));
    }

    [Fact]
    public void Strings_with_lone_surrogates_do_not_collide()
    {
        Assert.NotEqual(H("\uD800"), H("\uDBFF"));
        Assert.NotEqual(H("\uD800"), H("\uFFFD"));
        var longer = new string('x', 3000);
        Assert.NotEqual(H(longer + "\uD800"), H(longer + "\uDBFF"));
        Assert.Equal(H(longer + "é"), H(longer + "é"));
    }

    [Fact]
    public void Booleans_hash_by_truth_not_by_memory()
    {
        var bytes = new byte[] { 2, 0, 255 };
        var odd = MemoryMarshal.Cast<byte, bool>(bytes).ToArray();
        Assert.Equal(H(new[] { true, false, true }), H(odd));
    }

    [Fact]
    public void Decimals_hash_by_numeric_value()
    {
        Assert.Equal(H(2.500m), H(2.5m));
        Assert.NotEqual(H(2.5m), H(-2.5m));
        Assert.NotEqual(H(decimal.MaxValue), H(decimal.MinValue));
        Assert.NotEqual(H(0.0000000000000000000000000001m), H(0m));
    }

    [Fact]
    public void Sets_and_dictionaries_ignore_order_but_not_content()
    {
        var one = new Dictionary<int, string> { [1] = "a", [2] = "b" };
        var two = new Dictionary<int, string> { [2] = "b", [1] = "a" };
        var three = new Dictionary<int, string> { [1] = "b", [2] = "a" };
        Assert.Equal(H(one), H(two));
        Assert.NotEqual(H(one), H(three));
        Assert.Equal(H(new HashSet<string> { "x", "y" }), H(new SortedSet<string> { "y", "x" }));
        Assert.NotEqual(H(new HashSet<int> { 1, 2 }), H(new[] { 1, 2 }));
    }

    [Fact]
    public void A_read_only_dictionary_hashes_like_a_dictionary()
    {
        var inner = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        Assert.Equal(H(inner), H(new ReadOnlyMap(inner)));
    }

    [Fact]
    public void Objects_hash_by_type_name_and_public_members()
    {
        Assert.Equal(H(new { A = 1, B = "x" }), H(new { A = 1, B = "x" }));
        Assert.NotEqual(H(new { A = 1, B = "x" }), H(new { A = 2, B = "x" }));
        Assert.Equal(H(new Hiding()), H(new Hiding()));
        Assert.NotEqual(H(new Hiding()), H(new Hiding { Value = "other" }));
    }

    [Fact]
    public void A_custom_hash_replaces_member_hashing()
    {
        Assert.Equal(H(new Custom("k")), H(new Custom("k")));
        Assert.NotEqual(H(new Custom("k")), H(new Custom("j")));
    }

    [Fact]
    public void Task_hash_round_trips_through_hex()
    {
        var hash = H("x");
        Assert.Equal(hash, TaskHash.Parse(hash.ToString()));
        Assert.Equal(hash, TaskHash.Parse(hash.ToString().ToUpperInvariant()));
        Assert.False(TaskHash.TryParse("xyz", out _));
    }
}
