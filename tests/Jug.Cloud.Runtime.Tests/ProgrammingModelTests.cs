using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using static Jug.Cloud.MapReduce.MapReduceTasks;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Runtime")]
public sealed class ProgrammingModelTests
{
    private static readonly ExecuteOptions Options = new() { Jobs = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };

    /// <summary>Declares with a runner, as <c>execute</c> does, so barriers run tasks on <paramref name="engine"/>.</summary>
    private static TaskGraph Declare(EngineSession engine, Action declare)
    {
        var context = new JugContext { Runner = new EngineRunner(engine) };
        using (context.Enter())
        {
            declare();
        }

        return context.Graph;
    }

    private static async Task<T> Run<T>(IJugStore store, Func<Handle<T>> declare)
    {
        Handle<T> result = null!;
        var graph = EngineTests.Build(() => result = declare());
        var summary = await JugEngine.ExecuteAsync(graph, store, Options);
        Assert.True(summary.Succeeded, summary.ToString());
        return await EngineTests.ValueOf<T>(store, result);
    }

    [Fact]
    public async Task Map_reduce_gives_the_same_results_as_one_task_per_call_with_fewer_tasks()
    {
        await using var store = TestStores.Memory();
        var inputs = Enumerable.Range(0, 23).Select(i => (long)i).ToArray();
        var expected = inputs.Sum(x => x * x);

        IReadOnlyList<Tasklet<long>> mapped = null!;
        var graph = EngineTests.Build(() => mapped = Map(Model.Square, inputs, chunk: 5));
        Assert.Equal(5, graph.Count);
        await JugEngine.ExecuteAsync(graph, store, Options);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i] * inputs[i], await EngineTests.ValueOf<long>(store, mapped[i]));
        }

        Assert.Equal(expected, await Run(store, () => Reduce(Model.Add, Map(Model.Square, inputs, 5), chunk: 3)));
        Assert.Equal(expected, await Run(store, () => MapReduce.MapReduceTasks.MapReduce(Model.Add, Model.Square, inputs, mapChunk: 4, reduceChunk: 2)));
        Assert.Equal(expected, await Run(store, () => Task(Model.Sum, inputs.Select(x => (Handle<long>)Task(Model.Square, x)).ToList())));
        var curried = await Run(store, () => Reduce(Model.Add, CurryMap(Model.Scale, inputs.Select(x => (x, 3L)), 7)));
        Assert.Equal(inputs.Sum() * 3, curried);
    }

    [Fact]
    public void Map_reduce_identity_includes_the_mapper()
    {
        var squares = EngineTests.Build(() => Map(Model.Square, new long[] { 1, 2 }));
        var sums = EngineTests.Build(() => Map(Model.Sum, new[] { new long[] { 1 }, [2] }));
        var again = EngineTests.Build(() => Map(Model.Square, new long[] { 1, 2 }));
        Assert.Equal(squares.Tasks[0].Hash, again.Tasks[0].Hash);
        Assert.NotEqual(squares.Tasks[0].Hash, sums.Tasks[0].Hash);
    }

    [Fact]
    public async Task A_barrier_runs_the_tasks_before_it_so_later_code_can_use_their_values()
    {
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);
        Handle<long> total = null!;
        var chunkCount = 0;
        var graph = Declare(engine, () =>
        {
            var split = Task(Model.Split, 10, 3);
            Barrier();
            var sizes = Value(split);
            chunkCount = sizes.Length;
            total = Task(Model.Sum, sizes.Select(s => (Handle<long>)Task(Model.Square, (long)s)).ToList());
        });

        Assert.Equal(3, chunkCount);
        var summary = await engine.RunAsync(graph, graph.Tasks);
        Assert.True(summary.Succeeded);
        Assert.Equal((4L * 4) + (3 * 3) + (3 * 3), await EngineTests.ValueOf<long>(store, total));
    }

    [Fact]
    public async Task BValue_runs_only_the_task_it_needs_and_status_mode_stops_at_a_barrier()
    {
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);
        var other = default(TaskHandle<long>)!;
        int[] sizes = [];
        Declare(engine, () =>
        {
            other = Task(Model.Square, 99L);
            sizes = BValue(Task(Model.Split, 7, 2));
        });
        Assert.Equal([4, 3], sizes);
        Assert.Null(await store.GetAsync(other.Hash));

        var stopped = false;
        var checking = new JugContext { Runner = new StoreCheckRunner(store) };
        using (checking.Enter())
        {
            Task(Model.Square, 5L);
            try
            {
                Barrier();
            }
            catch (BarrierReachedException)
            {
                stopped = true;
            }
        }

        Assert.True(stopped);
    }

    [Fact]
    public async Task A_compound_task_is_not_rebuilt_once_its_result_is_stored()
    {
        var tag = Guid.NewGuid().ToString();
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);
        Handle<long> first = null!;
        var graph = Declare(engine, () => first = CompoundTask(Model.SumOfSquares, tag, 4));
        Assert.Equal(6, graph.Count); // four squares, the sum, and the compound's own result
        Assert.True((await engine.RunAsync(graph, graph.Tasks)).Succeeded);
        Assert.Equal(0L + 1 + 4 + 9, await EngineTests.ValueOf<long>(store, first));

        Handle<long> second = null!;
        var again = Declare(engine, () => second = Task(Model.Add, CompoundTask(Model.SumOfSquares, tag, 4), 1L));
        Assert.Equal(1, Model.BuildsOf(tag));
        Assert.Equal(2, again.Count);
        Assert.True((await engine.RunAsync(again, again.Tasks)).Succeeded);
        Assert.Equal(15L, await EngineTests.ValueOf<long>(store, second));
    }

    [Fact]
    public async Task An_identity_value_is_hashed_by_its_key_alone()
    {
        await using var store = TestStores.Memory();
        Handle<long[]> a = null!, b = null!, c = null!;
        EngineTests.Build(() =>
        {
            a = Identity(new[] { 1L, 2L }, "dataset v1");
            b = Identity(new[] { 9L, 9L }, "dataset v1");
            c = Identity(new[] { 1L, 2L }, "dataset v2");
        });
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);

        Assert.Equal(3L, await Run(store, () => Task(Model.Sum, Identity<IReadOnlyList<long>>([1L, 2L], "key"))));
    }

    [Fact]
    public async Task Tuples_deconstruct_and_iterate_task_splits_arrays_into_handles()
    {
        await using var store = TestStores.Memory();
        Handle<double> mean = null!;
        Handle<int> count = null!;
        IReadOnlyList<Tasklet<double>> items = null!;
        var graph = EngineTests.Build(() =>
        {
            var numbers = Task(Model.Numbers, 4);
            (mean, count) = Task(Model.Stats, numbers);
            items = IterateTask(numbers, 4);
        });
        await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.Equal(2.5, await EngineTests.ValueOf<double>(store, mean));
        Assert.Equal(4, await EngineTests.ValueOf<int>(store, count));
        Assert.Equal(3.0, await EngineTests.ValueOf<double>(store, items[2]));
    }

    [Fact]
    public void Describe_gives_the_provenance_recursively()
    {
        Handle<long> total = null!;
        EngineTests.Build(() => total = Task(Model.Add, Task(Model.Square, 3L), 4L));

        var description = Describe(total);

        Assert.Equal("Jug.Cloud.Runtime.Tests.Model.Add", description.Name);
        Assert.Equal("Jug.Cloud.Runtime.Tests.Model.Square", Assert.Single(description.Arguments[0].Sources).Name);
        Assert.Equal("4", description.Arguments[1].Value);
        var text = description.ToString();
        Assert.Contains("  Jug.Cloud.Runtime.Tests.Model.Square", text);
        Assert.Contains("    = 3", text);
    }

    [Fact]
    public void Code_hashing_changes_the_identity_when_the_body_differs()
    {
        var graph = EngineTests.Build(() =>
        {
            Task(Model.CodedA, 1L);
            Task(Model.CodedB, 1L);
            Task(Model.Uncoded, 1L);
            Task(Model.CodedA, 1L);
        });

        Assert.Equal(3, graph.Count);
        Assert.Equal(3, graph.Tasks.Select(t => t.Hash).Distinct().Count());
    }

    [Fact]
    public async Task An_external_command_stores_its_outputs_and_a_failing_one_carries_stderr()
    {
        var directory = Directory.CreateTempSubdirectory("jug-command-");
        try
        {
            var output = Path.Combine(directory.FullName, "out.txt");
            await using var store = TestStores.Memory();
            var result = await Run(store, () => Command("sh", ["-c", $"echo hello > '{output}'; echo done"], [output]));
            var file = Assert.Single(result.Files);
            Assert.Equal((output, 6L), (file.Path, file.Length));
            Assert.Equal("done\n", result.StandardOutput);

            TaskHandle<CommandOutput> failing = null!;
            var graph = EngineTests.Build(() => failing = Command("sh", ["-c", "echo broken pipe >&2; exit 3"], []));
            var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 1 });
            var failure = Assert.Single(summary.Failures);
            Assert.Equal(typeof(ExternalCommandException).FullName, failure.ExceptionType);
            Assert.Equal("sh exited with code 3: broken pipe", failure.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
