using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Retries an operation through connection faults — a reset connection, a server restarting or still
/// loading its data — with exponential backoff, for up to <see cref="RedisStoreOptions.RetryFor"/>.
/// Only operations that are safe to repeat are passed here (SET, SETRANGE, owner-checked scripts,
/// reads); a fault that outlasts the budget becomes one <see cref="JugStoreException"/> line.
/// </summary>
internal sealed class RedisRetry(TimeSpan budget, string displayName, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        // Wall-clock budget: the store's TimeProvider may be a test's fake clock that never moves.
        var started = TimeProvider.System.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await operation();
            }
            catch (Exception e) when (IsTransient(e))
            {
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (elapsed + delay > budget)
                {
                    RedisStoreLog.GaveUp(_logger, displayName, (long)elapsed.TotalMilliseconds, OneLine(e.Message));
                    throw new JugStoreException($"The Redis store {displayName} cannot be reached: {OneLine(e.Message)}", e);
                }

                RedisStoreLog.Retrying(_logger, displayName, (long)delay.TotalMilliseconds, OneLine(e.Message));
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                await operation();
                return true;
            },
            cancellationToken);

    private static bool IsTransient(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || s.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || s.Message.StartsWith("READONLY", StringComparison.Ordinal),
        _ => false,
    };

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
