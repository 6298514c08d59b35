namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>Jugfiles the cluster tests submit.</summary>
public static class ClusterJugfiles
{
    /// <summary>
    /// Squares of 0..N-1 (N is the first argument, 5,000 by default) and a last task that fails loudly
    /// unless every square it reads is right.
    /// </summary>
    public const string Squares = """
        var count = args.Length > 0 ? int.Parse(args[0]) : 5000;
        var squares = Enumerable.Range(0, count).Select(i => Task(Steps.Square, i)).ToList();
        Task(Steps.Verify, squares);

        public static class Steps
        {
            public static long Square(int i)
            {
                Thread.Sleep(2);
                return (long)i * i;
            }

            public static int Verify(IReadOnlyList<long> squares)
            {
                for (var i = 0; i < squares.Count; i++)
                {
                    if (squares[i] != (long)i * i)
                    {
                        throw new InvalidOperationException($"square {i} is {squares[i]}");
                    }
                }

                return squares.Count;
            }
        }
        """;
}
