namespace Jug.Cloud.Stores.Objects;

/// <summary>The settings every object store has, whatever its service; each provider's options add its client's.</summary>
public abstract record ObjectStoreOptions
{
    /// <summary>Sets the name the store has in messages until one is given.</summary>
    /// <param name="displayName">The provider's default name (its scheme).</param>
    protected ObjectStoreOptions(string displayName) => DisplayName = displayName;

    /// <summary>The key prefix of this jugdir inside its bucket or container ("" for the root), without a trailing '/'.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>How many requests a batch (put many, exists) keeps in flight.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// How long one request keeps being retried while its service cannot be reached (refused or reset
    /// connections, a 5xx) before the store reports the failure: a run rides out a store outage this long.
    /// </summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock used for claim expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The store's name in messages; must not hold a secret.</summary>
    public string DisplayName { get; init; }
}
