using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;

namespace Jug.Cloud.Hashing;

/// <summary>Sequences, maps, sets, tuples and multi-dimensional arrays.</summary>
public sealed partial class HashWriter
{
    /// <summary>Element code written after the sequence tag when elements are tagged values, not raw primitives.</summary>
    private const byte TaggedElements = 0;

    private void WriteSequence(IEnumerable sequence)
    {
        // The count comes first; a lazy sequence is materialised so it hashes like an array of the same items.
        var items = sequence as ICollection ?? sequence.Cast<object?>().ToList();
        WriteTag(HashTag.Sequence);
        WriteByte(TaggedElements);
        WriteRawInt64(items.Count);
        foreach (var item in items)
        {
            WriteValue(item);
        }
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

    private void WriteMultiArray(Array array, TypeShape shape)
    {
        WriteTag(HashTag.MultiArray);
        WriteRawInt32(array.Rank);
        for (var dimension = 0; dimension < array.Rank; dimension++)
        {
            WriteRawInt64(array.GetLongLength(dimension));
        }

        var element = shape.ElementType!;
        if (PrimitiveArrays.IsPrimitive(element))
        {
            PrimitiveHashing.WriteBody(this, element, PrimitiveHashing.MemoryOf(array, element));
            return;
        }

        WriteByte(TaggedElements);
        WriteRawInt64(array.LongLength);
        foreach (var item in array)
        {
            WriteValue(item);
        }
    }

    private void WriteMap(object map, TypeShape shape)
    {
        var digests = new DigestList();
        var entry = Rent();
        try
        {
            entry._depth = _depth;
            if (map is IDictionary dictionary)
            {
                var enumerator = dictionary.GetEnumerator();
                while (enumerator.MoveNext())
                {
                    entry.WriteValue(enumerator.Key);
                    entry.WriteValue(enumerator.Value);
                    digests.Add(entry.FinishNested());
                }
            }
            else
            {
                foreach (var item in (IEnumerable)map)
                {
                    entry.WriteValue(shape.EntryKey!(item));
                    entry.WriteValue(shape.EntryValue!(item));
                    digests.Add(entry.FinishNested());
                }
            }

            WriteSortedDigests(HashTag.Map, ref digests);
        }
        finally
        {
            Return(entry);
            digests.Dispose();
        }
    }

    private void WriteSet(IEnumerable set)
    {
        var digests = new DigestList();
        var element = Rent();
        try
        {
            element._depth = _depth;
            foreach (var item in set)
            {
                element.WriteValue(item);
                digests.Add(element.FinishNested());
            }

            WriteSortedDigests(HashTag.Set, ref digests);
        }
        finally
        {
            Return(element);
            digests.Dispose();
        }
    }

    /// <summary>Finishes an entry's digest but keeps the nesting depth, so cycles through maps are still caught.</summary>
    private TaskHash FinishNested()
    {
        var depth = _depth;
        var digest = Finish();
        _depth = depth;
        return digest;
    }

    private void WriteSortedDigests(HashTag tag, ref DigestList digests)
    {
        var sorted = digests.Span;
        sorted.Sort();
        WriteTag(tag);
        WriteRawInt64(sorted.Length);
        foreach (var digest in sorted)
        {
            WriteRaw(digest);
        }
    }

    /// <summary>A growable list of digests on pooled arrays.</summary>
    private struct DigestList : IDisposable
    {
        private TaskHash[]? _items;
        private int _count;

        public readonly Span<TaskHash> Span => _items.AsSpan(0, _count);

        public void Add(TaskHash digest)
        {
            if (_items is null || _count == _items.Length)
            {
                var larger = ArrayPool<TaskHash>.Shared.Rent(Math.Max(16, _count * 2));
                Span.CopyTo(larger);
                Dispose();
                _items = larger;
            }

            _items[_count++] = digest;
        }

        public void Dispose()
        {
            if (_items is not null)
            {
                ArrayPool<TaskHash>.Shared.Return(_items);
                _items = null;
            }
        }
    }
}
