namespace Jug.Cloud.Storage;

/// <summary>One server named by a store URI.</summary>
/// <param name="Host">The host name or address (an IPv6 address in brackets, as <see cref="System.Uri.Host"/> gives it).</param>
/// <param name="Port">The port written, or null if none was (the provider picks its default).</param>
public sealed record StoreHost(string Host, int? Port);
