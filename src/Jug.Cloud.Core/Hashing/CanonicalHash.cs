using Jug.Cloud.Graph;

namespace Jug.Cloud.Hashing;

/// <summary>Canonical digests of values and tasklets (see <see cref="HashWriter"/> for the rules).</summary>
public static class CanonicalHash
{
    /// <summary>The canonical digest of a value.</summary>
    /// <exception cref="UnhashableValueException">The value has no canonical form.</exception>
    public static TaskHash OfValue(object? value)
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.WriteValue(value);
            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    /// <summary>The identity of a view into a task's result: the parent's hash plus the path.</summary>
    public static TaskHash OfTasklet(TaskHash parent, IReadOnlyList<ResultPathStep> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var writer = HashWriter.Rent();
        try
        {
            writer.WriteTag(HashTag.Tasklet);
            writer.WriteRaw(parent);
            writer.WriteRawInt32(path.Count);
            foreach (var step in path)
            {
                if (step.Member is null)
                {
                    writer.WriteTag(HashTag.PathIndex);
                    writer.WriteRawInt32(step.Index);
                }
                else
                {
                    writer.WriteTag(HashTag.PathMember);
                    writer.WriteRawString(step.Member);
                }
            }

            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }
}
