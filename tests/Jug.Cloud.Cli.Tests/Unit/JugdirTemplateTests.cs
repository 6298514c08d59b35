using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class JugdirTemplateTests
{
    private static readonly DateOnly Day = new(2025, 3, 7);

    [Theory]
    [InlineData("runs/%(jugfile)s-%(date)s.jugdata", "runs/primes-2025-03-07.jugdata")]
    [InlineData("%(jugfile)s.jugdata", "primes.jugdata")]
    [InlineData("s3://bucket/a%20b/%(date)s", "s3://bucket/a%20b/2025-03-07")]
    [InlineData("memory:", "memory:")]
    public void Placeholders_are_replaced_and_other_percent_signs_kept(string template, string expected)
    {
        Assert.Equal(expected, JugdirTemplate.Expand(template, "primes", Day));
    }

    [Fact]
    public void An_unknown_placeholder_is_bad_input()
    {
        var error = Assert.Throws<ArgumentException>(() => JugdirTemplate.Expand("x/%(user)s", "primes", Day));
        Assert.Contains("%(user)s", error.Message);
        Assert.True(JugdirTemplate.UsesJugfile("a/%(jugfile)s"));
        Assert.False(JugdirTemplate.UsesJugfile("a/%(date)s"));
    }
}
