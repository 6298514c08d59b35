// Types and values behind the pinned digests. Global namespace on purpose: the full type name is hashed.
#pragma warning disable CA1050
public record Pt(double X, double Y);
public record Pt2(double X, double Y);
public record Line(Pt A, Pt B);
public enum Colour { Red = 1, Green = 2 }
public static class GoldenValues
{
    public static (string Name, object? Value)[] All =>
    [
    ("null", null), ("int 0", 0), ("int -1", -1), ("long 3", 3L), ("int 3", 3), ("short 3", (short)3), ("byte 3", (byte)3),
    ("uint 3", 3u), ("ulong max", ulong.MaxValue), ("bool true", true), ("char A", 'A'),
    ("double 1.5", 1.5), ("double 0", 0.0), ("double -0", -0.0), ("double NaN", double.NaN), ("float 1.5", 1.5f), ("decimal 1.10", 1.10m), ("decimal 1.1", 1.1m),
    ("string empty", ""), ("string hello", "hello"), ("string unicode", "naïve 日本"),
    ("int[] 1,2,3", new[] {1,2,3}), ("List<int> 1,2,3", new List<int>{1,2,3}), ("double[] 0.5,-0,NaN", new[] {0.5, -0.0, double.NaN}), ("string[]", new[] {"a","b"}),
    ("dict a1 b2", new Dictionary<string,int>{["a"]=1,["b"]=2}), ("dict b2 a1", new Dictionary<string,int>{["b"]=2,["a"]=1}),
    ("set 1 2 3", new HashSet<int>{3,1,2}), ("tuple (1,\"x\")", (1, "x")),
    ("record Pt", new Pt(1,2)), ("record Pt2", new Pt2(1,2)), ("nested Line", new Line(new Pt(0,0), new Pt(1,1))),
    ("enum Green", Colour.Green), ("guid", new Guid("00112233-4455-6677-8899-aabbccddeeff")), ("datetime", new DateTime(2020,1,2,3,4,5, DateTimeKind.Utc)), ("timespan", TimeSpan.FromSeconds(90)),
    ];
}
