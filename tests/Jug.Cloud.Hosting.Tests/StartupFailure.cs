namespace Jug.Cloud.Hosting.Tests;

/// <summary>What a host that failed to start said: the start-up validation's messages, one per line.</summary>
internal static class StartupFailure
{
    public static async Task<string> MessageOfAsync(Func<Task> start)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(start);
        return e is AggregateException all ? string.Join("\n", all.Flatten().InnerExceptions.Select(i => i.Message)) : e.Message;
    }
}
