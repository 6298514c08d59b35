using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.S3;

/// <summary>What an S3 store logs: objects it reads again (the SDK logs its own request retries).</summary>
internal static partial class S3StoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "S3 store {Store}: object {Key} did not match its checksum (attempt {Attempt}); reading it again")]
    public static partial void ReadingAgain(ILogger logger, string store, string key, int attempt);
}
