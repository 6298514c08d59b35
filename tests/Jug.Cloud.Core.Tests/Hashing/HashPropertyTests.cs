using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

/// <summary>Properties checked over many random values (fixed seeds, so failures reproduce).</summary>
[Trait("Category", "Unit")]
public sealed class HashPropertyTests
{
    private static TaskHash H(object? value) => CanonicalHash.OfValue(value);

    [Fact]
    public void Dictionaries_and_sets_hash_the_same_in_any_insertion_order()
    {
        var random = new Random(1);
        for (var round = 0; round < 50; round++)
        {
            var entries = Enumerable.Range(0, random.Next(0, 20))
                .Select(_ => random.Next(1000)).Distinct()
                .Select(k => KeyValuePair.Create(k, $"v{random.Next(100)}")).ToArray();
            var shuffled = entries.ToArray();
            random.Shuffle(shuffled);

            Assert.Equal(H(new Dictionary<int, string>(entries)), H(new Dictionary<int, string>(shuffled)));
            Assert.Equal(H(new HashSet<string>(entries.Select(e => e.Value + e.Key))), H(new HashSet<string>(shuffled.Select(e => e.Value + e.Key))));
        }
    }

    [Fact]
    public void Every_nan_and_negative_zero_is_canonical_in_scalars_and_arrays()
    {
        var random = new Random(2);
        for (var round = 0; round < 200; round++)
        {
            var sign = random.Next(2) == 0 ? 0L : long.MinValue;
            var nan = BitConverter.Int64BitsToDouble(sign | 0x7FF0_0000_0000_0000L | random.NextInt64(1, 1L << 52));
            var nanF = BitConverter.Int32BitsToSingle((int)(sign >> 32) | 0x7F80_0000 | random.Next(1, 1 << 23));
            Assert.True(double.IsNaN(nan) && float.IsNaN(nanF));
            Assert.Equal(H(double.NaN), H(nan));
            Assert.Equal(H(float.NaN), H(nanF));

            var values = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.NextDouble()).ToArray();
            var canonical = values.ToArray();
            var at = random.Next(values.Length);
            values[at] = nan;
            canonical[at] = double.NaN;
            var zeroAt = random.Next(values.Length);
            values[zeroAt] = -0.0;
            canonical[zeroAt] = 0.0;
            Assert.Equal(H(canonical), H(values));
            Assert.Equal(H(canonical), H(values.ToList()));
            Assert.Equal(H(canonical.Select(v => (float)v).ToArray()), H(values.Select(v => (float)v).ToArray()));
        }
    }

    [Fact]
    public void Distinct_values_have_distinct_digests()
    {
        var random = new Random(3);
        var values = new Dictionary<string, object>();
        for (var i = 0; i < 100; i++)
        {
            var n = random.Next();
            values[$"int {n}"] = n;
            values[$"long {n}"] = (long)n;
            var d = random.NextDouble() * random.Next(-1000, 1000);
            values[$"double {d:R}"] = d;
            var s = new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => (char)random.Next(32, 0x3000)).ToArray());
            values[$"string {s}"] = s;
            var array = Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(10)).ToArray();
            values[$"int[] {string.Join(",", array)}"] = array;
            values[$"tuple {n},{s}"] = (n, s);
            values[$"Pt {d:R},{n}"] = new Pt(d, n);
        }

        Assert.Equal(values.Count, values.Values.Select(H).Distinct().Count());
        Assert.True(values.Count > 500);
    }

    [Fact]
    public async Task Digests_do_not_depend_on_writer_reuse_or_thread()
    {
        var values = GoldenValues.All.Select(v => v.Value).ToArray();
        var first = values.Select(H).ToArray();

        // Leave writers in every odd state: abandoned mid-value, failed mid-value, finished.
        var abandoned = HashWriter.Rent();
        abandoned.WriteValue(new[] { 1, 2, 3 });
        HashWriter.Return(abandoned);
        Assert.Throws<UnhashableValueException>(() => H(new object[] { 1, (Func<int>)(() => 1) }));
        var finished = HashWriter.Rent();
        finished.WriteValue("x");
        finished.Finish();
        HashWriter.Return(finished);

        Assert.Equal(first, values.Select(H).ToArray());
        Assert.Equal(first, values.Select(v => HashOnce(v)).ToArray());
        Assert.Equal(first, await Task.Run(() => values.Select(H).ToArray()));
    }

    private static TaskHash HashOnce(object? value)
    {
        using var writer = new HashWriter();
        CanonicalHash.AppendValue(writer, value);
        return writer.Finish();
    }
}
