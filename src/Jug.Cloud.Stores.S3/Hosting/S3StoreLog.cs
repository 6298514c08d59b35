using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.S3;

/// <summary>What an S3 store logs: objects it reads again and requests it retries through an outage (the SDK logs its own request retries).</summary>
internal static partial class S3StoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "S3 store {Store}: object {Key} did not match its checksum (attempt {Attempt}); reading it again")]
    public static partial void ReadingAgain(ILogger logger, string store, string key, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "S3 store {Store}: object {Key} did not match the service's checksum in {Attempts} reads; its own checksum decides whether it is whole")]
    public static partial void ChecksumNeverMatched(ILogger logger, string store, string key, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "S3 store {Store} cannot be reached; retrying in {DelayMs} ms: {Error}")]
    public static partial void Retrying(ILogger logger, string store, long delayMs, string error);
}
