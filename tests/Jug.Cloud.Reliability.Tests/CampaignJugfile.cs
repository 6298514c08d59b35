namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// The jugfile every fault runs: N parts (the first argument, rounded down to a multiple of 50; 500 if it is no number, so random
/// command lines do not make the jugfile itself throw), a group step per 50
/// parts and a total over the groups. Group and total check every input they read and throw on a
/// wrong one, so a corrupt value that reached a downstream task fails the run loudly. A second
/// argument "fail" adds a task that always throws, so the jugdir holds a failure record.
/// </summary>
public static class CampaignJugfile
{
    public const string Body = """
        var count = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? Math.Max(50, n - (n % 50)) : 500;
        var parts = Enumerable.Range(0, count).Select(i => Task(Steps.Part, i)).ToList();
        var groups = parts.Chunk(50).Select(chunk => Task(Steps.Group, chunk)).ToList();
        Task(Steps.Total, groups);
        if (args.Length > 1 && args[1] == "fail")
        {
            Task(Steps.Broken, 7);
        }

        public static class Steps
        {
            public static long Part(int i)
            {
                Thread.Sleep(10);
                return (long)i * 3;
            }

            public static long Group(IReadOnlyList<long> xs)
            {
                for (var j = 0; j < xs.Count; j++)
                {
                    if (xs[0] % 150 != 0 || xs[j] != xs[0] + (3L * j))
                    {
                        throw new InvalidOperationException($"group starting {xs[0]}: input {j} is {xs[j]}");
                    }
                }

                return xs.Sum();
            }

            public static long Total(IReadOnlyList<long> sums)
            {
                for (var g = 0; g < sums.Count; g++)
                {
                    if (sums[g] != (7500L * g) + 3675)
                    {
                        throw new InvalidOperationException($"group {g} sums to {sums[g]}");
                    }
                }

                return sums.Sum();
            }

            public static int Broken(int x) => throw new InvalidOperationException($"broken on purpose ({x})");
        }
        """;

    /// <summary>How many results a run of <paramref name="parts"/> parts stores.</summary>
    public static int Results(int parts) => parts + (parts / 50) + 1;
}
