using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

/// <summary>Arrays large enough to be hashed chunk by chunk, with non-canonical values in chosen chunks.</summary>
[Trait("Category", "Unit")]
public sealed class LargeArrayTests
{
    private const int Length = 300_000;

    private static TaskHash H(object value) => CanonicalHash.OfValue(value);

    [Theory]
    [InlineData(0)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(150_001)]
    [InlineData(Length - 1)]
    public void A_negative_zero_or_nan_anywhere_hashes_like_the_canonical_value(int at)
    {
        var canonical = Enumerable.Range(0, Length).Select(i => i * 0.25 + 1).ToArray();
        var odd = (double[])canonical.Clone();
        canonical[at] = 0.0;
        odd[at] = -0.0;
        Assert.Equal(H(canonical), H(odd));

        canonical[at] = double.NaN;
        odd[at] = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0_0000_0000_0123));
        Assert.Equal(H(canonical), H(odd));
        Assert.Equal(H(canonical), H(odd.ToList()));

        var floats = canonical.Select(v => (float)v).ToArray();
        var oddFloats = odd.Select(v => (float)v).ToArray();
        oddFloats[at] = BitConverter.Int32BitsToSingle(unchecked((int)0xFF80_0042));
        Assert.Equal(H(floats), H(oddFloats));
    }

    [Fact]
    public void A_change_in_the_last_element_changes_the_digest()
    {
        var values = Enumerable.Range(0, Length).Select(i => i * 0.5).ToArray();
        var before = H(values);
        values[^1] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(values[^1]) + 1);
        Assert.NotEqual(before, H(values));
    }
}
