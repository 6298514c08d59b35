using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Retries an operation through connection faults — a reset connection, a server restarting or still
/// loading its data — with exponential backoff, for up to <see cref="RedisStoreOptions.RetryFor"/>.
/// Only operations that are safe to repeat are passed here (SET, SETRANGE, owner-checked scripts,
/// reads); a fault that outlasts the budget becomes one <see cref="JugStoreException"/> line. The
/// backoff is Polly's; which faults are worth waiting for, and for how long, is decided here.
/// </summary>
internal sealed class RedisRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private static readonly ResiliencePropertyKey<long> Started = new("jugcloud.redis-retry.started");

    private readonly string _displayName;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    public RedisRetry(TimeSpan budget, string displayName, ILogger? logger = null)
    {
        _displayName = displayName;
        _logger = logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Wall-clock budget: the store's TimeProvider may be a test's fake clock that never moves.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e)
                    && TimeProvider.System.GetElapsedTime(args.Context.Properties.GetValue(Started, 0L)) < budget),
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                UseJitter = false,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    RedisStoreLog.Retrying(_logger, _displayName, (long)args.RetryDelay.TotalMilliseconds, OneLine(args.Outcome.Exception!.Message));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var started = TimeProvider.System.GetTimestamp();
        context.Properties.Set(Started, started);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (context, operation) =>
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    return await operation();
                },
                context,
                operation);
        }
        catch (Exception e) when (IsTransient(e))
        {
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            RedisStoreLog.GaveUp(_logger, _displayName, (long)elapsed.TotalMilliseconds, OneLine(e.Message));
            throw new JugStoreException($"The Redis store {_displayName} cannot be reached: {OneLine(e.Message)}", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
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
