using Utf8 = System.Text.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Tests.Objects;

[Trait("Category", "Unit")]
public sealed class ClaimJsonTests
{
    private static readonly TaskHash Key = CanonicalHash.OfValue("claim");
    private static readonly DateTimeOffset Expiry = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    [Fact]
    public void A_claim_round_trips_with_its_owner_and_expiry()
    {
        var claim = ClaimJson.Read(Key, ClaimJson.Write("host/123#failed", Expiry));
        Assert.Equal(new Storage.ClaimInfo(Key, "host/123#failed", Expiry), claim);
    }

    [Fact]
    public void The_json_is_the_form_claims_already_stored_have()
    {
        // Claims written before the object layer was shared read the same, and the other way round.
        Assert.Equal("""{"Owner":"me","ExpiresAt":"2026-03-04T05:06:07.89+00:00"}""", Utf8.UTF8.GetString(ClaimJson.Write("me", Expiry)));
        Assert.Equal("me", ClaimJson.Read(Key, """{"Owner":"me","ExpiresAt":"2026-03-04T05:06:07.89+00:00"}"""u8.ToArray())?.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"ExpiresAt":"2026-03-04T05:06:07+00:00"}""")]
    [InlineData("""{"Owner":null,"ExpiresAt":"2026-03-04T05:06:07+00:00"}""")]
    [InlineData("""{"Owner":"me","ExpiresAt":"yesterday"}""")]
    public void What_is_not_a_claim_reads_as_none(string content) =>
        Assert.Null(ClaimJson.Read(Key, Utf8.UTF8.GetBytes(content)));

    [Fact]
    public void An_absent_object_reads_as_no_claim() => Assert.Null(ClaimJson.Read(Key, null));
}
