using System.Runtime.Loader;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>
/// Jug's own test jugfiles (compound with handles, compound with a barrier, a view indexed by a task,
/// a function view) run end to end on the embedded engine, giving the values Jug gives.
/// </summary>
[Trait("Category", "Runtime")]
public sealed class JugExampleTests
{
    private static readonly ExecuteOptions Options = new() { Jobs = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };

    /// <summary>Runs a jugfile as <c>execute</c> does (barriers run on the session, then the rest) and reads the value of what <paramref name="declare"/> returns.</summary>
    private static async Task<(ExecutionSummary Summary, T Value)> Execute<T>(EngineSession engine, Func<Handle<T>> declare)
    {
        var context = new JugContext { Runner = new EngineRunner(engine) };
        Handle<T> result;
        using (context.Enter())
        {
            result = declare();
        }

        var summary = await engine.RunAsync(context.Graph, context.Graph.Tasks);
        Assert.True(summary.Succeeded, summary.ToString());
        using (context.Enter())
        {
            return (summary, await ValueAsync(result));
        }
    }

    [Fact]
    public async Task A_compound_task_takes_a_handle_and_is_reused_without_its_builder_on_the_second_run()
    {
        var tag = Guid.NewGuid().ToString();
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);

        // four = Task(double, 2); twice(four) == 8
        var (first, eight) = await Execute(engine, () => CompoundTask(JugExamples.Twice, tag, Task(JugExamples.Double, 2L)));
        Assert.Equal(8L, eight);
        Assert.Equal(3, first.Executed); // double(2), double(four), and the compound's own result

        var (second, again) = await Execute(engine, () => CompoundTask(JugExamples.Twice, tag, Task(JugExamples.Double, 2L)));
        Assert.Equal(8L, again);
        Assert.Equal(0, second.Executed);
        Assert.Equal(1, JugExamples.BuildsOf(tag));

        // Another handle is another compound: the builder runs for it.
        var (_, twelve) = await Execute(engine, () => CompoundTask(JugExamples.Twice, tag, Task(JugExamples.Double, 3L)));
        Assert.Equal(12L, twelve);
        Assert.Equal(2, JugExamples.BuildsOf(tag));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_compound_builder_can_wait_for_a_value_of_its_input_as_compound_wbarrier_does(bool bvalue)
    {
        var tag = Guid.NewGuid().ToString();
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);
        Func<string, Handle<long>, Handle<long>> builder = bvalue ? JugExamples.TwiceWithBValue : JugExamples.TwiceWithBarrier;

        // four = double(2); sixteen = twice(four), where twice doubles, waits, and doubles the value.
        var (_, sixteen) = await Execute(engine, () => CompoundTask(builder, tag, Task(JugExamples.Double, 2L)));
        Assert.Equal(16L, sixteen);

        var (second, again) = await Execute(engine, () => CompoundTask(builder, tag, Task(JugExamples.Double, 2L)));
        Assert.Equal(16L, again);
        Assert.Equal(0, second.Executed);
        Assert.Equal(1, JugExamples.BuildsOf(tag));
    }

    [Fact]
    public async Task A_view_indexed_by_a_task_is_resolved_when_its_consumer_runs_as_slice_task_does()
    {
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);

        // r = range10(); z = zero(); r0 = r[z]; z2 = double(r0); z2_2, z3 = plus1(z2)
        var (_, z3) = await Execute(engine, () =>
        {
            var r = Task(JugExamples.Range10);
            var z = Task(JugExamples.Zero);
            var (_, plus) = Task(JugExamples.Plus1, Task(JugExamples.Double, r.At(z)));
            return plus;
        });
        Assert.Equal(1L, z3);

        var (_, six) = await Execute(engine, () => Task(JugExamples.Double, Task(JugExamples.Range, 10).At(Task(JugExamples.ThreeLater))));
        Assert.Equal(6L, six);
        var (_, bob) = await Execute(engine, () => Task(JugExamples.PlusOne, Task(JugExamples.Ages, 31, 42).At(Task(JugExamples.Name, "bob"))));
        Assert.Equal(43L, bob);

        // Read directly too, as Value does after a barrier.
        var (_, three) = await Execute(engine, () => Task(JugExamples.Range, 10).At(Task(JugExamples.Index, 3)));
        Assert.Equal(3L, three);
    }

    [Fact]
    public async Task A_function_view_applies_a_static_method_when_read_as_tasklets_does()
    {
        await using var store = TestStores.Memory();
        await using var engine = new EngineSession(store, Options);

        // t = double(vals); t0_2 = sum2(t[0], t[2]); t0_2_1 = Tasklet(t0_2, plus1)
        Handle<long> plus1 = null!;
        var (summary, ten) = await Execute(engine, () =>
        {
            var t = Task(JugExamples.DoubleAll, new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });
            var t02 = Task(JugExamples.Sum2, t.At(0), t.At(2));
            plus1 = t02.Select(JugExamples.PlusOne);
            return Task(JugExamples.Double, plus1);
        });
        Assert.Equal(10L, ten);
        Assert.Equal(3, summary.Executed); // the view is not a task
        var context = new JugContext { Runner = new EngineRunner(engine) };
        using (context.Enter())
        {
            Assert.Equal(5L, await ValueAsync(plus1));
        }
    }

    [Fact]
    public async Task Views_by_task_and_by_function_survive_a_package_round_trip_and_run_from_the_decoded_graph()
    {
        TaskHandle<long> consumer = null!;
        var graph = EngineTests.Build(() =>
        {
            var r = Task(JugExamples.Range, 10);
            var indexed = r.At(Task(JugExamples.Index, 3)).Select(JugExamples.PlusOne);
            var keyed = Task(JugExamples.Ages, 31, 42).At(Task(JugExamples.Name, "bob"));
            consumer = Task(JugExamples.Sum2, indexed, keyed);
        });

        var decoded = GraphPackage.Decode(GraphPackage.Encode(graph.Tasks), AssemblyLoadContext.Default);

        Assert.Equal(graph.Tasks.Select(t => t.Hash), decoded.Tasks.Select(t => t.Hash));
        Assert.Equal(
            graph.Tasks.Select(t => string.Join(",", t.Dependencies.Select(d => d.Hash))),
            decoded.Tasks.Select(t => string.Join(",", t.Dependencies.Select(d => d.Hash))));
        var original = References(graph);
        var read = References(decoded);
        Assert.Equal(original.Select(r => (r.Hash, r.ToString())), read.Select(r => (r.Hash, r.ToString())));
        Assert.Contains(read, r => r.HasKeys);

        // A file store reads inputs ahead, key tasks included.
        var directory = Directory.CreateTempSubdirectory("jug-views-");
        try
        {
            await using var store = TestStores.File(directory.FullName);
            var summary = await JugEngine.ExecuteAsync(decoded, store, Options);
            Assert.True(summary.Succeeded, summary.ToString());
            Assert.Equal(4L + 42L, await EngineTests.ValueOf<long>(store, consumer));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Hooks_see_each_attempt_start_finish_and_fail_in_the_running_process()
    {
        var started = new List<string>();
        var finished = new List<(string, int)>();
        var failed = new List<string>();
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> ok = null!, bad = null!;
        var graph = EngineTests.Build(() =>
        {
            ok = Task(JugExamples.Sum2, 20L, (long)tag.Length);
            bad = Task(JugExamples.Fail, (long)tag.Length);
        });
        bool Mine(TaskEvent e) => e.Task.Hash == ok.Hash || e.Task.Hash == bad.Hash;

        await using var store = TestStores.Memory();
        using (Hooks.OnStart(e => { if (Mine(e)) { lock (started) { started.Add(e.Task.Name); } } }))
        using (Hooks.OnFinish(e => { if (Mine(e)) { lock (finished) { finished.Add((e.Task.Name, e.Attempt)); } } }))
        using (Hooks.OnFailure(e => { if (Mine(e)) { lock (failed) { failed.Add(e.Error!.Message); } } }))
        {
            var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 2, KeepGoing = true });
            Assert.False(summary.Succeeded);
        }

        Assert.Equal(3, started.Count); // one success, two failed attempts
        Assert.Equal([("Jug.Cloud.Runtime.Tests.JugExamples.Sum2", 1)], finished);
        Assert.Equal([$"no {tag.Length}", $"no {tag.Length}"], failed);
    }

    private static List<TaskReference> References(TaskGraph graph) =>
        [.. graph.Tasks.SelectMany(t => t.Arguments).OfType<ReferenceArgument>().Select(a => a.Reference)];
}
