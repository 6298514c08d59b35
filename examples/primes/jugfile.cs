// Jug's primes example: test 2..100 for primality in parallel, then count the primes.
// Run it with:  jugcloud execute examples/primes/jugfile.cs
using static Jug.Cloud.Jug;

var isPrime = Enumerable.Range(2, 99).Select(n => Task(Primes.IsPrime, n)).ToList();
var count = Task(Primes.CountPrimes, isPrime);

public static class Primes
{
    public static bool IsPrime(int n)
    {
        // Stand-in for real work, so that the parallel progress is visible.
        Thread.Sleep(50);
        for (var d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static int CountPrimes(IReadOnlyList<bool> isPrime) => isPrime.Count(p => p);
}
