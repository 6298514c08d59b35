namespace Jug.Cloud.Hashing;

/// <summary>
/// A type that supplies its own identity (Jug's CustomHash): write whatever distinguishes one value
/// from another. The type's full name is written before it, so two types never collide.
/// </summary>
public interface IJugHashable
{
    /// <summary>Writes the value's identity to <paramref name="writer"/>.</summary>
    void AppendHash(HashWriter writer);
}
