using System.Diagnostics;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// Retries one request to an object service through an outage — the connection refused or reset
/// while the service restarts, a 5xx while it comes back — with exponential backoff, until the
/// request succeeds or <see cref="ObjectStoreOptions.RetryFor"/> (wall clock) has passed. The SDKs'
/// own retries give up after a few seconds; this outer retry (Polly's, with the rules below) lets a run ride out a restart of its
/// store instead of failing every task that wrote in that moment. Only a service that answered
/// before is waited for: until a first request succeeds, a failure is reported at once, so a wrong
/// endpoint or a server that is not running is one line at once, not a minute's wait.
/// </summary>
/// <remarks>
/// A request that failed before a connection was made (refused) never reached the service and is
/// safe to send again. One cut off mid-way may have been carried out: an unconditional put, read,
/// list or delete gives the same result when repeated; a conditional create or replace repeated after
/// its lost answer finds its own write and answers false, as if another taker had won, which costs
/// that claim a wait until it expires, never a wrong result.
/// </remarks>
public sealed class OutageRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private static readonly ResiliencePropertyKey<long> Started = new("jugcloud.outage-retry.started");

    private readonly ResiliencePipeline _pipeline;
    private volatile bool _answered;

    /// <summary>Creates the retry for one store.</summary>
    /// <param name="budget">How long to keep trying, from the start of the request.</param>
    /// <param name="isTransient">The provider's judgement of its SDK's exceptions: true for an outage.</param>
    /// <param name="retrying">Told of each retry (the delay before it and the failure), for a log; may be null.</param>
    public OutageRetry(TimeSpan budget, Func<Exception, bool> isTransient, Action<TimeSpan, Exception>? retrying = null)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && _answered && !args.Context.CancellationToken.IsCancellationRequested && isTransient(e)
                    && Stopwatch.GetElapsedTime(args.Context.Properties.GetValue(Started, 0L)) < budget),
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                UseJitter = false,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    retrying?.Invoke(args.RetryDelay, args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="operation"/>, again after each transient failure while the budget lasts; the last failure is thrown.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Started, Stopwatch.GetTimestamp());
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (context, operation) =>
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    return await operation();
                },
                context,
                operation);
            _answered = true;
            return result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> or anything inside it is a failed connection: a socket
    /// error (refused, reset, unreachable), an HTTP request that got no response, or a broken stream.
    /// </summary>
    public static bool IsConnectionFailure(Exception? exception) => exception switch
    {
        null => false,
        SocketException or IOException => true,
        HttpRequestException { StatusCode: null } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsConnectionFailure),
        _ => IsConnectionFailure(exception.InnerException),
    };
}
