namespace Jug.Cloud.Client;

/// <summary>What <see cref="GraphOperations.InvalidateAsync"/> did.</summary>
/// <param name="Matched">Tasks whose name matched the pattern; 0 means the pattern names no task of the graph.</param>
/// <param name="Affected">Matched tasks and everything downstream of them.</param>
/// <param name="Removed">Stored results removed (affected tasks that had one).</param>
public sealed record InvalidateResult(int Matched, int Affected, int Removed)
{
    /// <summary>True if the pattern matched no task name (nothing was touched).</summary>
    public bool MatchedNothing => Matched == 0;
}
