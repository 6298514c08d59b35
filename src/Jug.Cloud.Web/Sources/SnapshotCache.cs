namespace Jug.Cloud.Web.Sources;

/// <summary>
/// One value computed at most once per <see cref="MaxAge"/> however many pages and event streams ask,
/// so that ten open pages cost the store what one does. Concurrent callers share one computation.
/// </summary>
internal sealed class SnapshotCache<T>(Func<CancellationToken, Task<T>> compute, TimeSpan maxAge) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;
    private long _computedAt;

    /// <summary>How long a computed value is served.</summary>
    public TimeSpan MaxAge { get; } = maxAge;

    /// <summary>The value, computed again if older than <see cref="MaxAge"/>.</summary>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } value)
        {
            return value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } computed)
            {
                return computed;
            }

            var result = await compute(cancellationToken);
            _value = result;
            Volatile.Write(ref _computedAt, Environment.TickCount64);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the value (after an action changed what it shows).</summary>
    public void Invalidate() => Volatile.Write(ref _computedAt, 0);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private T? Fresh()
    {
        var at = Volatile.Read(ref _computedAt);
        return at != 0 && Environment.TickCount64 - at < MaxAge.TotalMilliseconds ? _value : null;
    }
}
