using System.Runtime.InteropServices;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Core.Tests.Encoding;

/// <summary>Arrays of primitives: raw little-endian memory, bit-exact, copied once.</summary>
[Trait("Category", "Unit")]
public sealed class RawArrayCodecTests
{
    public static TheoryData<Array> Arrays => new()
    {
        new[] { true, false },
        new byte[] { 0, 9, 255 },
        new sbyte[] { -128, 0, 127 },
        new short[] { short.MinValue, 1 },
        new ushort[] { ushort.MaxValue, 1 },
        new[] { int.MinValue, 0, 3 },
        new[] { uint.MaxValue },
        new[] { long.MinValue, 5L },
        new[] { ulong.MaxValue },
        new[] { 'a', 'é', '\uD800' },
        new[] { 1.5f, -0f, BitConverter.Int32BitsToSingle(0x7FC0_1234) },
        new[] { 1.5, -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123), double.MaxValue },
        new[] { (Half)1.5, Half.NegativeZero, BitConverter.Int16BitsToHalf(0x7E01) },
        Array.Empty<double>(),
    };

    private static int ByteLength(Array array) =>
        array.Length * (array.GetType().GetElementType() == typeof(Half) ? 2 : Buffer.ByteLength(Array.CreateInstance(array.GetType().GetElementType()!, 1)));

    private static byte[] Bytes(Array array) =>
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), ByteLength(array)).ToArray();

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Round_trips_bit_exact(Array values)
    {
        var stored = ResultCodec.Encode(values, values.GetType());
        Assert.Equal(CodecId.RawArray, StoredObject.ReadHeader(stored).Codec);
        Assert.Equal(StoredObject.HeaderSize + ByteLength(values), stored.Length);
        var back = (Array)ResultCodec.Decode(stored, values.GetType())!;
        Assert.Equal(values.GetType(), back.GetType());
        Assert.Equal(Bytes(values), Bytes(back));

        var untyped = (Array)ResultCodec.Decode<object>(ResultCodec.Encode<object>(values));
        Assert.Equal(Bytes(values), Bytes(untyped));
    }

    [Fact]
    public void Reads_through_collection_interfaces_but_not_as_another_element_type()
    {
        var stored = ResultCodec.Encode(new long[] { 4, 5 });
        Assert.Equal(new long[] { 4, 5 }, ResultCodec.Decode<IReadOnlyList<long>>(stored));
        Assert.Equal(new long[] { 4, 5 }, ResultCodec.Decode<IEnumerable<long>>(stored));
        Assert.Equal(new long[] { 4, 5 }, (long[])ResultCodec.Decode<object>(stored));
        Assert.Contains("Int64[]", Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<int[]>(stored)).Message);

        // The runtime would let an int[] pass as a uint[]; the codec must not.
        var ints = ResultCodec.Encode(new[] { -1 });
        Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<uint[]>(ints));
        Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<IReadOnlyList<uint>>(ints));
        Assert.Throws<InvalidOperationException>(() => ResultCodec.Decode<List<int>>(ints));
    }

    [Fact]
    public void Arrays_that_are_not_raw_go_through_the_general_codec()
    {
        Assert.Equal(CodecId.MessagePack, StoredObject.ReadHeader(ResultCodec.Encode(new[] { Level.High })).Codec);
        Assert.Equal(CodecId.MessagePack, StoredObject.ReadHeader(ResultCodec.Encode(new[] { 1m })).Codec);
        Assert.Equal(new[] { Level.High }, ResultCodec.Decode<Level[]>(ResultCodec.Encode(new[] { Level.High })));
        Assert.Equal(new[,] { { 1, 2 }, { 3, 4 } }, ResultCodec.Decode<int[,]>(ResultCodec.Encode(new[,] { { 1, 2 }, { 3, 4 } })));
    }

    [Fact]
    public void Encoding_a_large_array_allocates_about_one_copy()
    {
        var values = new double[50_000_000 / sizeof(double)];
        ResultCodec.Encode(new double[16]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stored = ResultCodec.Encode(values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(values.Length * sizeof(double) + StoredObject.HeaderSize, stored.Length);
        Assert.InRange(allocated, stored.Length, (long)(values.Length * sizeof(double) * 1.2));
    }
}
