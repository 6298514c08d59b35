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

    /// <summary>N tasks (the first argument, 600 by default) that each take about 50 ms.</summary>
    public const string Sleepy = """
        var count = args.Length > 0 ? int.Parse(args[0]) : 600;
        Enumerable.Range(0, count).Select(i => Task(Steps.Nap, i)).ToList();

        public static class Steps
        {
            public static int Nap(int i)
            {
                Thread.Sleep(50);
                return i;
            }
        }
        """;

    /// <summary>
    /// 600 naps of 50 ms; none returns until tasks have started in two processes (two minutes at
    /// most), so however late a second silo joins, the first cannot finish the run alone.
    /// </summary>
    public const string PairedNaps = """
        Enumerable.Range(0, 600).Select(i => Task(Steps.Nap, i)).ToList();

        public static class Steps
        {
            public static int Nap(int i)
            {
                File.WriteAllText($"nap-ran-in-{Environment.ProcessId}", "");
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (Directory.GetFiles(".", "nap-ran-in-*").Length < 2 && !File.Exists("nap-unpaired"))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        File.WriteAllText("nap-unpaired", ""); // the rest need not wait two minutes each
                    }

                    Thread.Sleep(20);
                }

                Thread.Sleep(50);
                return i;
            }
        }
        """;

    /// <summary>
    /// Tasks that require the tag gpu, tasks that prefer it, plain tasks; with the argument <c>fpga</c>,
    /// one more that requires a tag no silo has at first.
    /// </summary>
    public const string Placed = """
        using Jug.Cloud;

        Enumerable.Range(0, 6).Select(i => Task(Steps.OnGpu, i)).ToList();
        Enumerable.Range(0, 6).Select(i => Task(Steps.PreferGpu, i)).ToList();
        Enumerable.Range(0, 20).Select(i => Task(Steps.Plain, i)).ToList();
        if (args.Contains("fpga"))
        {
            Task(Steps.OnFpga, 1);
        }

        public static class Steps
        {
            [JugTask(RequireTag = "gpu")]
            public static int OnGpu(int i) { Thread.Sleep(100); return i; }

            [JugTask(PreferTag = "gpu")]
            public static int PreferGpu(int i) { Thread.Sleep(100); return i; }

            // Each silo process marks that it ran a plain task, and none returns until two have (two
            // minutes at most): however late the second silo loads the run's code, the first cannot
            // take every plain task.
            public static int Plain(int i)
            {
                File.WriteAllText($"plain-ran-in-{Environment.ProcessId}", "");
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (Directory.GetFiles(".", "plain-ran-in-*").Length < 2 && !File.Exists("plain-unpaired"))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        File.WriteAllText("plain-unpaired", ""); // the rest need not wait two minutes each
                    }

                    Thread.Sleep(50);
                }

                return i;
            }

            [JugTask(RequireTag = "fpga")]
            public static int OnFpga(int i) => i;
        }
        """;

    /// <summary>A chain of twelve steps, each turning a 2.4 MB array into the next.</summary>
    public const string BigChain = """
        var step = Task(Steps.Start, 300_000);
        for (var i = 0; i < 12; i++)
        {
            step = Task(Steps.Next, step, i);
        }

        public static class Steps
        {
            public static double[] Start(int length) => Enumerable.Range(0, length).Select(i => (double)i).ToArray();

            public static double[] Next(double[] previous, int step) => previous.Select(x => x + step).ToArray();
        }
        """;

    /// <summary>
    /// Eight quick tasks (50 ms each) and two that run until the file named by the first argument
    /// exists, so a test can look at a run while tasks are running.
    /// </summary>
    public const string Gated = """
        var gate = args[0];
        Enumerable.Range(0, 8).Select(i => Task(Steps.Quick, i)).ToList();
        Enumerable.Range(0, 2).Select(i => Task(Steps.Held, gate, i)).ToList();

        public static class Steps
        {
            public static int Quick(int i) { Thread.Sleep(50); return i; }

            public static int Held(string gate, int i)
            {
                while (!File.Exists(gate))
                {
                    Thread.Sleep(20);
                }

                return i;
            }
        }
        """;
}
