using Jug.Cloud.Graph;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Canonical digests of values, tasks and tasklets: SHA-256 over a type-tagged encoding that is
/// independent of any serializer and of the process (see <see cref="HashWriter.WriteValue"/> for the rules).
/// Thread-safe: each thread reuses its own writers.
/// </summary>
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

    /// <summary>Writes <paramref name="value"/> canonically into a task's (or a custom hash's) stream, without digesting it separately.</summary>
    /// <exception cref="UnhashableValueException">The value has no canonical form.</exception>
    public static void AppendValue(HashWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteValue(value);
    }

    /// <summary>
    /// The identity of a task from its name, code version and arguments reduced to digests. Equal to
    /// <see cref="HashWriter.BeginTask"/> followed by <see cref="HashWriter.WriteArgument"/> for each argument.
    /// </summary>
    /// <remarks>
    /// A value argument given here by its digest hashes differently from the same value written inline
    /// with <see cref="HashWriter.WriteValueArgument"/> (the SDK's form); see <see cref="HashWriter"/>.
    /// </remarks>
    public static TaskHash OfTask(string name, int version, ReadOnlySpan<ArgumentDigest> args)
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.BeginTask(name, version);
            foreach (ref readonly var argument in args)
            {
                writer.WriteArgument(argument);
            }

            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    /// <summary>
    /// The digest of an ordered list of results (by their hashes), used as
    /// <c>new ArgumentDigest(ArgumentKind.ReferenceList, digest, references.Length)</c>.
    /// </summary>
    public static TaskHash OfReferenceList(ReadOnlySpan<TaskHash> references)
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.BeginReferenceList(references.Length);
            foreach (var reference in references)
            {
                writer.WriteRaw(reference);
            }

            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    /// <summary>
    /// The identity of a view into a task's result: the parent's hash plus the path, where a key step
    /// counts by its key's hash and a function step by the function's identity.
    /// </summary>
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
                if (step.Key is { } key)
                {
                    writer.WriteTag(HashTag.PathKey);
                    writer.WriteRaw(key.Hash);
                }
                else if (step.Function is not null)
                {
                    writer.WriteTag(HashTag.PathFunction);
                    writer.WriteRawString(step.Member!);
                }
                else if (step.Member is null)
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
