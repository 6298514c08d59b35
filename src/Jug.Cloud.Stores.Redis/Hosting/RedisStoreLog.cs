using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.Redis;

/// <summary>What a Redis store logs: only its retries through connection faults, which are otherwise silent.</summary>
internal static partial class RedisStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis store {Store}: {Error}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string store, long delayMs, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Redis store {Store}: gave up after {ElapsedMs} ms of retries: {Error}")]
    public static partial void GaveUp(ILogger logger, string store, long elapsedMs, string error);
}
