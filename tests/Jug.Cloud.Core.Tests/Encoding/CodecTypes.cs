namespace Jug.Cloud.Core.Tests.Encoding;

// Result types with no serializer attributes: what a jugfile would return.
public record Sample(string Name, int Count, double[] Values);

public record Settings
{
    public string? Label { get; init; }

    public int Level { get; init; }
}

public sealed class Mutable
{
    public string? Label { get; set; }

    public List<int> Items { get; set; } = [];
}

public sealed class PrivateSetter
{
    public PrivateSetter()
    {
    }

    public PrivateSetter(string name) => Name = name;

    public string? Name { get; private set; }
}

public interface IShape
{
    double Area { get; }
}

public sealed record Square(double Side) : IShape
{
    public double Area => Side * Side;
}

public enum Level { Low, High }
