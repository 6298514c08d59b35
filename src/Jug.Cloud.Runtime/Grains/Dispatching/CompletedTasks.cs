using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>A shard's share of a report's stored tasks, as the arrays its <c>Complete</c> call carries.</summary>
internal static class CompletedTasks
{
    public static TaskHash[] Hashes(List<TaskOutcome> outcomes)
    {
        var hashes = new TaskHash[outcomes.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = outcomes[i].Hash;
        }

        return hashes;
    }

    /// <summary>Run times for the shard's per-name figures; a float is plenty and halves the message.</summary>
    public static float[] Seconds(List<TaskOutcome> outcomes)
    {
        var seconds = new float[outcomes.Count];
        for (var i = 0; i < seconds.Length; i++)
        {
            seconds[i] = (float)outcomes[i].Seconds;
        }

        return seconds;
    }
}
