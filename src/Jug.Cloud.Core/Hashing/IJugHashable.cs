namespace Jug.Cloud.Hashing;

/// <summary>
/// A type that supplies its own identity (Jug's CustomHash): write whatever distinguishes one value
/// from another. The type's full name is written before it, so two types never collide.
/// </summary>
/// <remarks>
/// Write with the writer's <c>Write</c> overloads, <see cref="HashWriter.WriteSpan{T}"/> for bulk data,
/// and <see cref="HashWriter.WriteValue"/> for nested values. Do not call <see cref="HashWriter.Finish"/>:
/// the writer belongs to the enclosing value or task.
/// </remarks>
public interface IJugHashable
{
    /// <summary>Writes the value's identity to <paramref name="writer"/>.</summary>
    void AppendHash(HashWriter writer);
}
