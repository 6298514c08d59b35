namespace Jug.Cloud.Storage;

/// <summary>Failure records: the last error of each task that threw.</summary>
public interface IFailureStore
{
    /// <summary>Records (replaces) the failure of a task.</summary>
    ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default);

    /// <summary>The recorded failure of a task, or null.</summary>
    ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default);

    /// <summary>Removes the failure record of a task; true if one was there.</summary>
    ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default);

    /// <summary>Every failure record.</summary>
    IAsyncEnumerable<FailureRecord> ListFailuresAsync(CancellationToken cancellationToken = default);
}

/// <summary>What is recorded when a task throws.</summary>
/// <param name="Key">The task that failed.</param>
/// <param name="TaskName">Its name (<c>Namespace.Type.Method</c>).</param>
/// <param name="ExceptionType">Full name of the exception type.</param>
/// <param name="Message">The exception message.</param>
/// <param name="StackTrace">The full exception text, inner exceptions included.</param>
/// <param name="Attempt">Which attempt this was (1 for the first).</param>
/// <param name="Worker">Which worker ran it.</param>
/// <param name="Time">When it failed.</param>
public sealed record FailureRecord(
    TaskHash Key,
    string TaskName,
    string ExceptionType,
    string Message,
    string StackTrace,
    int Attempt,
    string Worker,
    DateTimeOffset Time);
