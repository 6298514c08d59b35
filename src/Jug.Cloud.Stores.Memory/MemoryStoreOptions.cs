namespace Jug.Cloud.Stores.Memory;

/// <summary>Settings of an in-memory store.</summary>
public sealed record MemoryStoreOptions
{
    /// <summary>
    /// The file to load from when opened (if it exists) and to save to on <see cref="MemoryJugStore.SaveAsync"/>
    /// and dispose; null for a store that lives only as long as the process.
    /// </summary>
    public string? File { get; init; }

    /// <summary>The clock used for claim expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
