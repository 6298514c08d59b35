using System.Buffers.Binary;

namespace Jug.Cloud.Runtime.Contracts;

/// <summary>How a <see cref="TaskHash"/> crosses grain calls (Core does not reference Orleans).</summary>
/// <param name="A">Digest bytes 0–7.</param>
/// <param name="B">Digest bytes 8–15.</param>
/// <param name="C">Digest bytes 16–23.</param>
/// <param name="D">Digest bytes 24–31.</param>
[GenerateSerializer]
[Alias("jug.TaskHash")]
public readonly record struct TaskHashSurrogate(
    [property: Id(0)] ulong A,
    [property: Id(1)] ulong B,
    [property: Id(2)] ulong C,
    [property: Id(3)] ulong D);

/// <summary>Converts <see cref="TaskHash"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class TaskHashSurrogateConverter : IConverter<TaskHash, TaskHashSurrogate>
{
    /// <inheritdoc />
    public TaskHash ConvertFromSurrogate(in TaskHashSurrogate surrogate)
    {
        Span<byte> bytes = stackalloc byte[TaskHash.Size];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, surrogate.A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], surrogate.B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], surrogate.C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], surrogate.D);
        return TaskHash.FromBytes(bytes);
    }

    /// <inheritdoc />
    public TaskHashSurrogate ConvertToSurrogate(in TaskHash value)
    {
        Span<byte> bytes = stackalloc byte[TaskHash.Size];
        value.WriteTo(bytes);
        return new TaskHashSurrogate(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }
}
