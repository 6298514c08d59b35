namespace Jug.Cloud.Hashing;

/// <summary>How a task argument takes part in the task's identity.</summary>
/// <remarks>The numbers are part of stored hashes: never renumber.</remarks>
public enum ArgumentKind : byte
{
    /// <summary>A plain value, given by its canonical digest (<see cref="CanonicalHash.OfValue"/>).</summary>
    Value = 1,

    /// <summary>Another task's result or a tasklet, given by its hash.</summary>
    Reference = 2,

    /// <summary>An ordered list of results, given by <see cref="CanonicalHash.OfReferenceList"/> and its length.</summary>
    ReferenceList = 3,
}

/// <summary>One argument of a task reduced to a digest, for <see cref="CanonicalHash.OfTask"/>.</summary>
/// <param name="Kind">What the argument is.</param>
/// <param name="Digest">The value's digest, the referenced hash, or the reference list's digest.</param>
/// <param name="Count">For <see cref="ArgumentKind.ReferenceList"/>, the number of references; 0 otherwise.</param>
public readonly record struct ArgumentDigest(ArgumentKind Kind, TaskHash Digest, int Count = 0)
{
    /// <summary>A plain-value argument, by the canonical digest of <paramref name="value"/>.</summary>
    /// <exception cref="UnhashableValueException">The value has no canonical form.</exception>
    public static ArgumentDigest ForValue(object? value) => new(ArgumentKind.Value, CanonicalHash.OfValue(value));

    /// <summary>An argument that is another task's result (or a tasklet).</summary>
    public static ArgumentDigest ForReference(TaskHash reference) => new(ArgumentKind.Reference, reference);

    /// <summary>An argument that is a list of results, in order.</summary>
    public static ArgumentDigest ForReferenceList(ReadOnlySpan<TaskHash> references) =>
        new(ArgumentKind.ReferenceList, CanonicalHash.OfReferenceList(references), references.Length);
}
