using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Hashing;

/// <summary>Canonical encoding of arbitrary values.</summary>
public sealed partial class HashWriter
{
    private const int MaxDepth = 64;

    /// <summary>
    /// Writes any value canonically: primitives by exact type; floating point by canonical bit pattern;
    /// strings as UTF-8; sequences in order (an array and a list of the same elements are equal);
    /// dictionaries and sets order-independently; tuples by items; records and plain objects by their
    /// type's full name and public members sorted by name; <see cref="IJugHashable"/> by its own hash.
    /// </summary>
    /// <exception cref="UnhashableValueException">The value, or something inside it, has no canonical form.</exception>
    public void WriteValue(object? value)
    {
        if (++_depth > MaxDepth)
        {
            throw new UnhashableValueException($"The value is nested more than {MaxDepth} levels deep (does it contain a cycle?).");
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
            case int i: WriteTag(HashTag.Int32); WriteRawInt32(i); return;
            case long l: WriteTag(HashTag.Int64); WriteRawInt64(l); return;
            case double d: WriteTag(HashTag.Double); WriteRawInt64(CanonicalBits(d)); return;
            case bool b: WriteTag(HashTag.Boolean); WriteByte(b ? (byte)1 : (byte)0); return;
            case float f: WriteTag(HashTag.Single); WriteRawInt32(CanonicalBits(f)); return;
            case byte u8: WriteTag(HashTag.Byte); WriteByte(u8); return;
            case sbyte i8: WriteTag(HashTag.SByte); WriteByte(unchecked((byte)i8)); return;
            case short i16: WriteTag(HashTag.Int16); WriteRawInt32(i16); return;
            case ushort u16: WriteTag(HashTag.UInt16); WriteRawInt32(u16); return;
            case uint u32: WriteTag(HashTag.UInt32); WriteRawInt64(u32); return;
            case ulong u64: WriteTag(HashTag.UInt64); WriteRawInt64(unchecked((long)u64)); return;
            case char c: WriteTag(HashTag.Char); WriteRawInt32(c); return;
            case Half h: WriteTag(HashTag.Half); WriteRawInt32(CanonicalBits((float)h)); return;
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
            case TaskHash hash: WriteTag(HashTag.TaskHash); WriteRaw(hash); return;
            case IJugHashable custom: WriteTag(HashTag.Custom); WriteRawString(TypeName(custom.GetType())); custom.AppendHash(this); return;
            case Array array when array.Rank == 1 && PrimitiveArrays.IsPrimitive(array.GetType().GetElementType()!):
                WriteTag(HashTag.Sequence);
                PrimitiveArrays.Write(this, array);
                return;
            case Delegate or Type or System.Reflection.MemberInfo or Stream or Task or ValueTask or IntPtr or UIntPtr or CancellationToken:
                throw Unhashable(value.GetType(), "it has no content that identifies it across processes");
            case ITuple tuple: WriteTuple(tuple); return;
            case IDictionary map: WriteMap(map); return;
            case IEnumerable sequence when TypeShape.Of(value.GetType()).IsSet: WriteSet(sequence); return;
            case IEnumerable sequence: WriteSequence(value.GetType(), sequence); return;
            default: WriteObject(value); return;
        }
    }

    private void WriteDecimal(decimal value)
    {
        // Scale differs for equal values (1.0m vs 1.00m); normalise so equal numbers hash equal.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value / 1.000000000000000000000000000000000m, bits);
        WriteTag(HashTag.Decimal);
        foreach (var part in bits)
        {
            WriteRawInt32(part);
        }
    }

    private void WriteEnum(Enum value)
    {
        WriteTag(HashTag.Enum);
        WriteRawString(TypeName(value.GetType()));
        WriteRawInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private void WriteGuid(Guid value)
    {
        WriteTag(HashTag.Guid);
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        WriteRaw(bytes);
    }

    private void WriteTuple(ITuple tuple)
    {
        WriteTag(HashTag.Tuple);
        WriteRawInt32(tuple.Length);
        for (var i = 0; i < tuple.Length; i++)
        {
            WriteValue(tuple[i]);
        }
    }

    private void WriteSequence(Type type, IEnumerable sequence)
    {
        WriteTag(HashTag.Sequence);
        var element = TypeShape.Of(type).ElementType;
        if (element is not null && PrimitiveArrays.IsPrimitive(element))
        {
            // A List<int> hashes like an int[] with the same elements.
            PrimitiveArrays.WriteElements(this, element, sequence);
            return;
        }

        WriteByte(0);
        var items = sequence as ICollection;
        var count = 0L;
        if (items is not null)
        {
            WriteRawInt64(items.Count);
        }

        foreach (var item in sequence)
        {
            WriteValue(item);
            count++;
        }

        if (items is null)
        {
            // Unsized sequences end with their count instead.
            WriteRawInt64(count);
        }
    }

    private void WriteMap(IDictionary map)
    {
        var digests = new List<TaskHash>(map.Count);
        var entry = Rent();
        try
        {
            var enumerator = map.GetEnumerator();
            while (enumerator.MoveNext())
            {
                entry._depth = _depth;
                entry.WriteValue(enumerator.Key);
                entry.WriteValue(enumerator.Value);
                digests.Add(entry.Finish());
            }
        }
        finally
        {
            Return(entry);
        }

        WriteSortedDigests(HashTag.Map, digests);
    }

    private void WriteSet(IEnumerable set)
    {
        var digests = new List<TaskHash>();
        var element = Rent();
        try
        {
            foreach (var item in set)
            {
                element._depth = _depth;
                element.WriteValue(item);
                digests.Add(element.Finish());
            }
        }
        finally
        {
            Return(element);
        }

        WriteSortedDigests(HashTag.Set, digests);
    }

    private void WriteSortedDigests(HashTag tag, List<TaskHash> digests)
    {
        digests.Sort();
        WriteTag(tag);
        WriteRawInt64(digests.Count);
        foreach (var digest in digests)
        {
            WriteRaw(digest);
        }
    }

    private void WriteObject(object value)
    {
        var type = value.GetType();
        var members = TypeShape.Of(type).Members;
        if (members.Length == 0)
        {
            throw Unhashable(type, "it has no public properties or fields; implement IJugHashable to give it an identity");
        }

        WriteTag(HashTag.Object);
        WriteRawString(TypeName(type));
        WriteRawInt32(members.Length);
        foreach (var member in members)
        {
            WriteRawString(member.Name);
            WriteValue(member.Read(value));
        }
    }

    internal static string TypeName(Type type) => TypeShape.Of(type).StableName;

    private static UnhashableValueException Unhashable(Type type, string why) =>
        new($"a {type.FullName} cannot be hashed: {why}.");
}
