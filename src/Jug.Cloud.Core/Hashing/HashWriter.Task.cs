using Jug.Cloud.Graph;

namespace Jug.Cloud.Hashing;

/// <summary>The task digest: name, version, then each argument in order.</summary>
/// <remarks>
/// <para>A plain value is written inline (<see cref="WriteValueArgument"/>), so a task whose arguments
/// are a few scalars costs one SHA-256 over a few dozen bytes. That is how the SDK hashes tasks.</para>
/// <para>A value given only by its digest (<see cref="WriteValueDigestArgument"/>, and
/// <see cref="ArgumentKind.Value"/> in <see cref="CanonicalHash.OfTask"/>) is a different argument
/// encoding, tagged differently: the same task declared with a value inline and with the value's
/// digest has two different hashes. Choose one form per task-declaring surface and keep it.</para>
/// <para>References and reference lists have one form each, so <see cref="CanonicalHash.OfTask"/>
/// and this writer agree on them.</para>
/// </remarks>
public sealed partial class HashWriter
{
    private const string TaskDomain = "jugcloud.task.v1";

    /// <summary>Starts a task digest on an empty writer: the task's name and code version.</summary>
    /// <exception cref="InvalidOperationException">Something was written since the last <see cref="Finish"/>.</exception>
    public void BeginTask(string name, int version)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsEmpty)
        {
            throw new InvalidOperationException("BeginTask needs an empty writer; call Finish or use a freshly rented one.");
        }

        WriteTag(HashTag.Task);
        WriteRawString(TaskDomain);
        WriteRawString(name);
        WriteRawInt32(version);
    }

    /// <summary>
    /// Writes the digest of the task method's own code, right after <see cref="BeginTask"/>, for
    /// methods that opt in to code hashing: a changed body then changes every task of the method.
    /// </summary>
    public void WriteCodeDigest(TaskHash digest)
    {
        WriteTag(HashTag.CodeDigest);
        WriteRaw(digest);
    }

    /// <summary>Writes a plain-value argument inline, in its canonical form.</summary>
    /// <exception cref="UnhashableValueException">The value has no canonical form.</exception>
    public void WriteValueArgument(object? value)
    {
        WriteTag(HashTag.ValueArgument);
        WriteValue(value);
    }

    /// <summary>Writes a plain-value argument given by its canonical digest (<see cref="CanonicalHash.OfValue"/>).</summary>
    public void WriteValueDigestArgument(TaskHash digest)
    {
        WriteTag(HashTag.ValueDigestArgument);
        WriteRaw(digest);
    }

    /// <summary>Writes an argument that is another task's result (or a tasklet) by its hash.</summary>
    public void WriteReferenceArgument(TaskHash reference)
    {
        WriteTag(HashTag.ReferenceArgument);
        WriteRaw(reference);
    }

    /// <summary>Writes an argument that is a list of results: its length and the digest of their hashes in order.</summary>
    public void WriteReferenceListArgument(ReadOnlySpan<TaskHash> references) =>
        WriteReferenceListDigest(CanonicalHash.OfReferenceList(references), references.Length);

    /// <summary>Writes an argument that is a list of results; the same digest as the span overload with their hashes.</summary>
    public void WriteReferenceListArgument(IReadOnlyList<TaskReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var list = Rent();
        try
        {
            list.BeginReferenceList(references.Count);
            foreach (var reference in references)
            {
                list.WriteRaw(reference.Hash);
            }

            WriteReferenceListDigest(list.Finish(), references.Count);
        }
        finally
        {
            Return(list);
        }
    }

    /// <summary>Writes an argument already reduced to a digest (what <see cref="CanonicalHash.OfTask"/> writes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public void WriteArgument(in ArgumentDigest argument)
    {
        switch (argument.Kind)
        {
            case ArgumentKind.Value: WriteValueDigestArgument(argument.Digest); break;
            case ArgumentKind.Reference: WriteReferenceArgument(argument.Digest); break;
            case ArgumentKind.ReferenceList: WriteReferenceListDigest(argument.Digest, argument.Count); break;
            default: throw new ArgumentOutOfRangeException(nameof(argument), argument.Kind, "Unknown argument kind.");
        }
    }

    internal void BeginReferenceList(int count)
    {
        WriteTag(HashTag.ReferenceList);
        WriteRawInt32(count);
    }

    private void WriteReferenceListDigest(TaskHash digest, int count)
    {
        WriteTag(HashTag.ReferenceListArgument);
        WriteRawInt32(count);
        WriteRaw(digest);
    }
}
