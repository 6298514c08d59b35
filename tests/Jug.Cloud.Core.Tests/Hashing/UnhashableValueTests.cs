using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class UnhashableValueTests
{
    private sealed class NoState;

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class Throws
    {
        private readonly string _reason = "not today";

        public int Broken => throw new InvalidOperationException(_reason);
    }

    private sealed record Holder(string Name, Func<int> Callback);

    public static TheoryData<object, string> Values => new()
    {
        { (Func<int>)(() => 1), "delegate" },
        { new MemoryStream(), "stream" },
        { Task.FromResult(1), "await" },
        { new ValueTask<int>(1), "await" },
        { typeof(string), "reflection" },
        { CancellationToken.None, "process" },
        { (IntPtr)1, "pointer" },
        { new Memory<string>(["a"]), "array" },
        { new object(), "IJugHashable" },
        { new NoState(), "IJugHashable" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Says_which_type_and_why(object value, string why)
    {
        var error = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(value));
        Assert.Contains(value.GetType().Name.Split('`')[0], error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Names_the_unhashable_part_of_a_larger_value()
    {
        var error = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(new Holder("h", () => 1)));
        Assert.Contains("Func", error.Message);
    }

    [Fact]
    public void Names_a_member_whose_getter_throws()
    {
        var error = Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(new Throws()));
        Assert.Contains("Broken", error.Message);
        Assert.Contains("not today", error.Message);
    }

    [Fact]
    public void A_cycle_is_refused_rather_than_overflowing_the_stack()
    {
        var node = new Node();
        node.Next = node;
        Assert.Contains("cycle", Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(node)).Message);

        var map = new Dictionary<string, object>();
        map["self"] = map;
        Assert.Throws<UnhashableValueException>(() => CanonicalHash.OfValue(map));
    }

    [Fact]
    public void Deep_but_finite_nesting_is_fine()
    {
        // Sixty levels are well inside the cycle guard: the value hashes, the same nesting built
        // again hashes the same, and one level more is a different value.
        Assert.Equal(CanonicalHash.OfValue(Nested(60)), CanonicalHash.OfValue(Nested(60)));
        Assert.NotEqual(CanonicalHash.OfValue(Nested(60)), CanonicalHash.OfValue(Nested(61)));
    }

    private static object Nested(int depth)
    {
        object value = 1;
        for (var i = 0; i < depth; i++)
        {
            value = new List<object> { value };
        }

        return value;
    }
}
