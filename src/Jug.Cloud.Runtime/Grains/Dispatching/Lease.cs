namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>A task handed to <paramref name="Worker"/> at <paramref name="Since"/> (UTC) and not reported yet.</summary>
internal readonly record struct Lease(string Worker, DateTime Since);
