using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class TaskPatternTests
{
    [Theory]
    [InlineData("IsPrime", "Primes.IsPrime", true)]
    [InlineData("IsPrime", "My.App.Primes.IsPrime", true)]
    [InlineData("IsPrime", "Primes.IsPrimeFast", false)]
    [InlineData("IsPrime", "Primes.NotIsPrime", false)]
    [InlineData("Primes.IsPrime", "Primes.IsPrime", true)]
    [InlineData("Primes.IsPrime", "My.App.Primes.IsPrime", true)]
    [InlineData("Primes.IsPrime", "My.App.OtherPrimes.IsPrime", false)]
    [InlineData("App.Primes.IsPrime", "My.App.Primes.IsPrime", true)]
    [InlineData("App.Primes.IsPrime", "Primes.IsPrime", false)]
    [InlineData("Primes.IsPrime", "Primes.CountPrimes", false)]
    public void Names_match_at_a_dot_boundary(string pattern, string name, bool matches) =>
        Assert.Equal(matches, TaskPattern.Parse(pattern).Matches(name));

    [Theory]
    [InlineData("/Prime/", "Primes.IsPrime", true)]
    [InlineData("/Prime/", "Primes.CountPrimes", true)]
    [InlineData("/^Primes\\.Is/", "Primes.IsPrime", true)]
    [InlineData("/^Primes\\.Is/", "Primes.CountPrimes", false)]
    [InlineData("/Count.*$/", "Primes.CountPrimes", true)]
    [InlineData("/prime/", "Primes.IsPrime", false)]
    public void Slashes_make_a_regular_expression_searched_in_the_full_name(string pattern, string name, bool matches) =>
        Assert.Equal(matches, TaskPattern.Parse(pattern).Matches(name));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("/[/")]
    public void A_bad_pattern_is_refused_with_one_line(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => TaskPattern.Parse(pattern));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("Parameter", error.Message);
    }

    [Fact]
    public void The_pattern_prints_as_given() => Assert.Equal("/a.b/", TaskPattern.Parse("/a.b/").ToString());
}
