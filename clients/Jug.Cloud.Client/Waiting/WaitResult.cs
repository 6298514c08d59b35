namespace Jug.Cloud.Client;

/// <summary>Why <see cref="GraphWaiter"/> stopped waiting.</summary>
public enum WaitOutcome
{
    /// <summary>Every task is done.</summary>
    AllDone,

    /// <summary>A task failed, nothing holds a claim, and no task finished over a whole cycle: nothing will change by itself.</summary>
    Failed,

    /// <summary>The timeout passed first.</summary>
    TimedOut,
}

/// <summary>What <see cref="GraphWaiter.WaitUntilDoneAsync"/> saw last.</summary>
/// <param name="Outcome">Why it stopped.</param>
/// <param name="Status">The status at the last check.</param>
/// <param name="Elapsed">How long it waited.</param>
public sealed record WaitResult(WaitOutcome Outcome, StatusReport Status, TimeSpan Elapsed);
