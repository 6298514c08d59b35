using System.Reflection;

namespace Jug.Cloud.Hashing;

/// <summary>Canonical encoding of arbitrary values.</summary>
public sealed partial class HashWriter
{
    private const int MaxDepth = 64;

    /// <summary>
    /// Writes any value canonically (type-tagged; never <see cref="object.GetHashCode"/>):
    /// <list type="bullet">
    /// <item>integers by exact type (<c>3</c> ≠ <c>3L</c>), little-endian; <c>bool</c>, <c>char</c>;
    /// <c>decimal</c> without trailing zeros (<c>1.10m</c> = <c>1.1m</c>);</item>
    /// <item><c>float</c>, <c>double</c>, <c>Half</c> by bit pattern with -0.0 as +0.0 and every NaN as one NaN;</item>
    /// <item>strings as length-prefixed UTF-8; null; enums by type name and underlying value;
    /// <c>DateTime</c> (ticks and kind), <c>DateTimeOffset</c>, <c>TimeSpan</c>, <c>DateOnly</c>,
    /// <c>TimeOnly</c>, <c>Guid</c>, <see cref="TaskHash"/>;</item>
    /// <item>ordered sequences by count then elements, whatever the collection type: an <c>int[]</c>, a
    /// <c>List&lt;int&gt;</c> and any <c>IEnumerable&lt;int&gt;</c> with the same elements are equal.
    /// Sequences of primitives are hashed as raw memory (fast); the element type decides the form, so
    /// an <c>object[]</c> of boxed ints differs from an <c>int[]</c>. Multi-dimensional arrays add their shape;</item>
    /// <item>dictionaries and sets regardless of order (each entry digested, digests sorted);</item>
    /// <item>tuples by arity then items;</item>
    /// <item>records, classes and structs by their type's full name (namespace and name, no assembly)
    /// and their public instance properties and fields sorted by name; anonymous types by members only;</item>
    /// <item><see cref="IJugHashable"/> by its type name and whatever it writes.</item>
    /// </list>
    /// </summary>
    /// <exception cref="UnhashableValueException">
    /// The value, or something inside it, has no canonical form (a delegate, stream, task, pointer,
    /// reflection object, or an object with no public state), or it nests deeper than 64 levels.
    /// </exception>
    public void WriteValue(object? value)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new UnhashableValueException(
                $"a {(value is null ? "value" : TypeNames.Of(value.GetType()))} is nested more than {MaxDepth} levels deep inside the value being hashed; does it contain a cycle?");
        }

        try
        {
            WriteValueCore(value);
        }
        finally
        {
            _depth--;
        }
    }

    private void WriteValueCore(object? value)
    {
        switch (value)
        {
            case null: WriteTag(HashTag.Null); return;
            case string s: WriteTag(HashTag.String); WriteRawString(s); return;
            case int i: Write(i); return;
            case long l: Write(l); return;
            case double d: Write(d); return;
            case bool b: Write(b); return;
            case float f: WriteTag(HashTag.Single); WriteRawInt32(CanonicalBits(f)); return;
            case byte u8: Write(u8); return;
            case sbyte i8: WriteTag(HashTag.SByte); WriteByte(unchecked((byte)i8)); return;
            case short i16: WriteTag(HashTag.Int16); WriteRawInt32(i16); return;
            case ushort u16: WriteTag(HashTag.UInt16); WriteRawInt32(u16); return;
            case uint u32: WriteTag(HashTag.UInt32); WriteRawInt64(u32); return;
            case ulong u64: Write(u64); return;
            case char c: WriteTag(HashTag.Char); WriteRawInt32(c); return;
            case Half h: WriteTag(HashTag.Half); WriteRawInt16(CanonicalBits(h)); return;
            case Int128 i128: WriteTag(HashTag.Int128); WriteRawInt64((long)(i128 >> 64)); WriteRawInt64((long)i128); return;
            case UInt128 u128: WriteTag(HashTag.UInt128); WriteRawInt64((long)(ulong)(u128 >> 64)); WriteRawInt64((long)(ulong)u128); return;
            case decimal m: WriteDecimal(m); return;
            case Enum e: WriteEnum(e); return;
            case DateTime t: WriteTag(HashTag.DateTime); WriteByte((byte)t.Kind); WriteRawInt64(t.Ticks); return;
            case DateTimeOffset o: WriteTag(HashTag.DateTimeOffset); WriteRawInt64(o.UtcTicks); WriteRawInt32((int)o.Offset.TotalMinutes); return;
            case TimeSpan span: WriteTag(HashTag.TimeSpan); WriteRawInt64(span.Ticks); return;
            case DateOnly date: WriteTag(HashTag.DateOnly); WriteRawInt32(date.DayNumber); return;
            case TimeOnly time: WriteTag(HashTag.TimeOnly); WriteRawInt64(time.Ticks); return;
            case Guid g: WriteGuid(g); return;
            case TaskHash hash: Write(hash); return;
            default: WriteShaped(value); return;
        }
    }

    private void WriteShaped(object value)
    {
        var shape = TypeShape.Of(value.GetType());
        switch (shape.Kind)
        {
            case ShapeKind.PrimitiveSequence: WriteTag(HashTag.Sequence); shape.WritePrimitives!(this, value); return;
            case ShapeKind.Sequence: WriteSequence((System.Collections.IEnumerable)value); return;
            case ShapeKind.Map: WriteMap(value, shape); return;
            case ShapeKind.Set: WriteSet((System.Collections.IEnumerable)value); return;
            case ShapeKind.Tuple: WriteTuple((System.Runtime.CompilerServices.ITuple)value); return;
            case ShapeKind.MultiArray: WriteMultiArray((Array)value, shape); return;
            case ShapeKind.Custom:
                WriteTag(HashTag.Custom);
                WriteRawString(shape.StableName);
                ((IJugHashable)value).AppendHash(this);
                return;
            case ShapeKind.Object: WriteObject(value, shape); return;
            default: throw Unhashable(value.GetType(), shape.UnhashableReason!);
        }
    }

    private void WriteEnum(Enum value)
    {
        WriteTag(HashTag.Enum);
        WriteRawString(TypeShape.Of(value.GetType()).StableName);

        // Unboxing to the underlying type reads the exact bits; Convert.ToInt64 overflows on large ulong values.
        WriteRawInt64(Type.GetTypeCode(value.GetType()) switch
        {
            TypeCode.SByte => (sbyte)(object)value,
            TypeCode.Byte => (byte)(object)value,
            TypeCode.Int16 => (short)(object)value,
            TypeCode.UInt16 => (ushort)(object)value,
            TypeCode.Int32 => (int)(object)value,
            TypeCode.UInt32 => (uint)(object)value,
            TypeCode.UInt64 => unchecked((long)(ulong)(object)value),
            TypeCode.Char => (char)(object)value,
            TypeCode.Boolean => (bool)(object)value ? 1 : 0,
            _ => (long)(object)value,
        });
    }

    private void WriteGuid(Guid value)
    {
        WriteTag(HashTag.Guid);
        value.TryWriteBytes(Reserve(16));
        Advance(16);
    }

    private void WriteObject(object value, TypeShape shape)
    {
        var members = shape.Members;
        WriteTag(HashTag.Object);
        WriteRawString(shape.StableName);
        WriteRawInt32(members.Length);
        foreach (var member in members)
        {
            WriteRawString(member.Name);
            object? memberValue;
            try
            {
                memberValue = member.Read(value);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new UnhashableValueException(
                    $"a {shape.StableName} cannot be hashed: reading its member {member.Name} threw {e.InnerException.GetType().Name}: {e.InnerException.Message}",
                    e.InnerException);
            }

            WriteValue(memberValue);
        }
    }

    private static UnhashableValueException Unhashable(Type type, string why) =>
        new($"a {TypeNames.Of(type)} cannot be hashed: {why}.");
}
