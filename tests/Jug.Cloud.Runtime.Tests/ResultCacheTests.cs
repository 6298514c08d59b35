using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Workers;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Runtime")]
public sealed class ResultCacheTests
{
    private static TaskHash Key(int i) => CanonicalHash.OfValue($"cache-test-{i}");

    [Fact]
    public void Past_its_capacity_the_cache_drops_the_oldest_values_first()
    {
        var cache = new ResultCache(capacityBytes: 10 * 1024);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Key(i), new byte[2000]);
        }

        Assert.False(cache.TryGet(Key(0), out _));
        Assert.True(cache.TryGet(Key(9), out var newest));
        Assert.Equal(2000, Assert.IsType<byte[]>(newest).Length);
        var kept = Enumerable.Range(0, 10).Count(i => cache.TryGet(Key(i), out _));
        Assert.InRange(kept, 4, 5);
    }

    [Fact]
    public void Values_below_the_minimum_are_not_kept_and_larger_ones_are()
    {
        var cache = new ResultCache(capacityBytes: 1 << 30) { MinimumBytes = 64 * 1024 };

        cache.Add(Key(1), 42L);
        cache.Add(Key(2), new double[100_000]);

        Assert.False(cache.TryGet(Key(1), out _));
        Assert.True(cache.TryGet(Key(2), out _));
    }

    [Fact]
    public void A_value_over_a_quarter_of_the_capacity_is_not_kept()
    {
        var cache = new ResultCache(capacityBytes: 1000);

        cache.Add(Key(1), new byte[300]);
        cache.Add(Key(2), 7);

        Assert.False(cache.TryGet(Key(1), out _));
        Assert.True(cache.TryGet(Key(2), out var small));
        Assert.Equal(7, small);
    }
}
