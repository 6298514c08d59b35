using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>The claims part of the store contract: Jug's locks with an owner and an expiry.</summary>
public abstract partial class StoreConformanceTests
{
    // ---- claims --------------------------------------------------------------------------------

    [Fact]
    public async Task A_claim_refuses_a_second_owner()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.False(await Store.TryClaimAsync(Key(1), "b", Minute));
        Assert.True(await Store.TryClaimAsync(Key(2), "b", Minute));
    }

    [Fact]
    public async Task The_holder_claiming_again_keeps_it()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.Equal("a", Assert.Single(await ClaimsAsync()).Owner);
    }

    [Fact]
    public async Task Only_the_owner_can_renew()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.False(await Store.RenewClaimAsync(Key(1), "b", Minute));
        Assert.True(await Store.RenewClaimAsync(Key(1), "a", Minute));
        Assert.Equal("a", Assert.Single(await ClaimsAsync()).Owner);
    }

    [Fact]
    public async Task Renewal_pushes_the_expiry_back()
    {
        var ttl = TimeSpan.FromSeconds(10);
        Assert.True(await Store.TryClaimAsync(Key(1), "a", ttl));
        Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.True(await Store.RenewClaimAsync(Key(1), "a", ttl));
        Assert.Equal(Clock.GetUtcNow() + ttl, Assert.Single(await ClaimsAsync()).ExpiresAt);
        Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.False(await Store.TryClaimAsync(Key(1), "b", ttl));
    }

    [Fact]
    public async Task Only_the_owner_can_release_and_then_another_can_claim()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.False(await Store.ReleaseClaimAsync(Key(1), "b"));
        Assert.False(await Store.TryClaimAsync(Key(1), "b", Minute));
        Assert.True(await Store.ReleaseClaimAsync(Key(1), "a"));
        Assert.Empty(await ClaimsAsync());
        Assert.True(await Store.TryClaimAsync(Key(1), "b", Minute));
    }

    [Fact]
    public async Task An_expired_claim_can_be_taken_by_another_owner()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", TimeSpan.FromSeconds(10)));
        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(await Store.TryClaimAsync(Key(1), "b", TimeSpan.FromSeconds(10)));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await Store.TryClaimAsync(Key(1), "b", TimeSpan.FromSeconds(10)));
        Assert.False(await Store.RenewClaimAsync(Key(1), "a", TimeSpan.FromSeconds(10)));
        Assert.False(await Store.ReleaseClaimAsync(Key(1), "a"));
        Assert.Equal("b", Assert.Single(await ClaimsAsync()).Owner);
    }

    [Fact]
    public async Task Operations_on_absent_claims_are_false()
    {
        Assert.False(await Store.RenewClaimAsync(Key(1), "a", Minute));
        Assert.False(await Store.ReleaseClaimAsync(Key(1), "a"));
        Assert.False(await Store.BreakClaimAsync(Key(1)));
        Assert.Empty(await ClaimsAsync());
    }

    [Fact]
    public async Task Claims_are_listed_with_owner_and_expiry_expired_ones_included()
    {
        var start = Clock.GetUtcNow();
        await Store.TryClaimAsync(Key(1), "a", TimeSpan.FromSeconds(5));
        await Store.TryClaimAsync(Key(2), "b", Minute);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var claims = (await ClaimsAsync()).OrderBy(c => c.Owner, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new ClaimInfo(Key(1), "a", start + TimeSpan.FromSeconds(5)), new ClaimInfo(Key(2), "b", start + Minute)],
            claims);
    }

    [Fact]
    public async Task Break_removes_a_claim_whoever_holds_it()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", Minute));
        Assert.True(await Store.BreakClaimAsync(Key(1)));
        Assert.False(await Store.BreakClaimAsync(Key(1)));
        Assert.False(await Store.RenewClaimAsync(Key(1), "a", Minute));
        Assert.True(await Store.TryClaimAsync(Key(1), "c", Minute));
    }
}
