// Types and values behind the pinned digests. Global namespace on purpose: the full type name is hashed.
#pragma warning disable CA1050
using Jug.Cloud;
using Jug.Cloud.Hashing;

public record Pt(double X, double Y);
public record Pt2(double X, double Y);
public record Line(Pt A, Pt B);
public sealed class PtClass
{
    public double X { get; set; }
    public double Y { get; set; }
}
public enum Colour { Red = 1, Green = 2 }
public enum Wide : ulong { Max = ulong.MaxValue }
public sealed class GoldenCustom(string key) : IJugHashable
{
    public string Noise { get; } = Guid.NewGuid().ToString();
    public void AppendHash(HashWriter writer) => writer.Write(key);
}

public static class GoldenValues
{
    public static (string Name, object? Value)[] All =>
    [
    ("null", null), ("int 0", 0), ("int -1", -1), ("long 3", 3L), ("int 3", 3), ("short 3", (short)3), ("byte 3", (byte)3),
    ("uint 3", 3u), ("ulong max", ulong.MaxValue), ("bool true", true), ("char A", 'A'),
    ("sbyte -3", (sbyte)-3), ("ushort 3", (ushort)3), ("long -1", -1L),
    ("double 1.5", 1.5), ("double 0", 0.0), ("double -0", -0.0), ("double NaN", double.NaN), ("float 1.5", 1.5f), ("decimal 1.10", 1.10m), ("decimal 1.1", 1.1m),
    ("double NaN payload", BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001)), ("double -NaN", -double.NaN),
    ("float 0", 0f), ("float -0", -0f), ("half 1.5", (Half)1.5), ("decimal 0", 0m), ("decimal -0.000", -0.000m),
    ("string empty", ""), ("string hello", "hello"), ("string unicode", "naïve 日本"),
    ("string long", new string('é', 2000)), ("string lone surrogate", "a\uD800b"),
    ("int[] 1,2,3", new[] {1,2,3}), ("List<int> 1,2,3", new List<int>{1,2,3}), ("double[] 0.5,-0,NaN", new[] {0.5, -0.0, double.NaN}), ("string[]", new[] {"a","b"}),
    ("IEnumerable<int> 1,2,3", Enumerable.Range(1, 3)), ("object[] 1,2,3", new object[] {1,2,3}), ("bool[]", new[] {true,false}),
    ("int[,] 2x3", new[,] {{1,2,3},{4,5,6}}), ("List<Pt>", new List<Pt> {new(1,2), new(3,4)}),
    ("dict a1 b2", new Dictionary<string,int>{["a"]=1,["b"]=2}), ("dict b2 a1", new Dictionary<string,int>{["b"]=2,["a"]=1}),
    ("SortedDictionary a1 b2", new SortedDictionary<string,int>{["a"]=1,["b"]=2}), ("dict int keys", new Dictionary<int,string>{[1]="a",[2]="b"}),
    ("set 1 2 3", new HashSet<int>{3,1,2}), ("SortedSet 1 2 3", new SortedSet<int>{1,2,3}),
    ("tuple (1,\"x\")", (1, "x")), ("Tuple<int,string>", Tuple.Create(1, "x")), ("tuple nested", (1, ("a", 2.5))),
    ("record Pt", new Pt(1,2)), ("record Pt2", new Pt2(1,2)), ("class PtClass", new PtClass { X = 1, Y = 2 }), ("nested Line", new Line(new Pt(0,0), new Pt(1,1))),
    ("anonymous", new { A = 1, B = "x" }), ("custom", new GoldenCustom("k")),
    ("enum Green", Colour.Green), ("enum ulong max", Wide.Max), ("guid", new Guid("00112233-4455-6677-8899-aabbccddeeff")), ("datetime", new DateTime(2020,1,2,3,4,5, DateTimeKind.Utc)), ("timespan", TimeSpan.FromSeconds(90)),
    ("datetimeoffset", new DateTimeOffset(2020,1,2,3,4,5, TimeSpan.FromHours(2))), ("dateonly", new DateOnly(2020,1,2)), ("taskhash", TaskHash.Parse(string.Concat(Enumerable.Repeat("ab", 32)))),
    ];
}
