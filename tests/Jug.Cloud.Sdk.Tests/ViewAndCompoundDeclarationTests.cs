using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using T = Jug.Cloud.Sdk.Tests.ViewAndCompoundTasks;

namespace Jug.Cloud.Sdk.Tests;

/// <summary>Compound tasks on handles, views indexed by a task or through a function, and hooks: identity and shape, nothing run.</summary>
[Trait("Category", "Unit")]
public sealed class ViewAndCompoundDeclarationTests
{
    private static JugContext Declare(Action declare, IJugRunner? runner = null)
    {
        var context = new JugContext { Runner = runner };
        using (context.Enter())
        {
            declare();
        }

        return context;
    }

    [Fact]
    public void A_compound_on_a_handle_is_identified_by_its_builder_and_the_handles_hash()
    {
        Handle<long> a = null!, same = null!, other = null!, scaled = null!;
        TaskHandle<long> four = null!;
        var context = Declare(() =>
        {
            four = Task(T.Double, 2L);
            a = CompoundTask(T.Twice, four);
            same = CompoundTask(T.Twice, Task(T.Double, 2L));
            other = CompoundTask(T.Twice, Task(T.Double, 3L));
            scaled = CompoundTask(T.Scaled, four, 2);
        });

        Assert.Equal(a.Hash, same.Hash);
        Assert.NotEqual(a.Hash, other.Hash);
        Assert.NotEqual(a.Hash, scaled.Hash);
        Assert.Equal("Jug.Cloud.Sdk.Tests.ViewAndCompoundTasks.Twice", a.Task.Name);

        // The builder received the handle: its task takes four's result, and the compound passes it on.
        var inner = Assert.Single(a.Task.Dependencies);
        Assert.Equal(four.Task, Assert.Single(inner.Dependencies));
        // double(2), double(four), its compound; double(3), double(that), its compound; Scaled's compound (its double(four) is the same task)
        Assert.Equal(7, context.Graph.Count);
    }

    [Fact]
    public async Task A_method_without_parameters_is_a_task_identified_by_the_method_alone()
    {
        TaskHandle<int> zero = null!, again = null!, one = null!, later = null!;
        var context = Declare(() =>
        {
            zero = Task(NoArgumentTasks.Zero);
            again = Task(NoArgumentTasks.Zero);
            one = Task(NoArgumentTasks.One);
            later = Task(NoArgumentTasks.Later);
        });

        Assert.Equal(3, context.Graph.Count);
        Assert.Same(zero.Task, again.Task);
        Assert.NotEqual(zero.Hash, one.Hash);
        Assert.Equal(typeof(int), later.Task.ResultType);
        Assert.Equal(1, await one.Task.Invoker([]));
        Assert.Equal(2, await later.Task.Invoker([]));
    }

    [Fact]
    public void A_compound_on_a_list_of_handles_is_identified_by_the_items_in_order()
    {
        Handle<long> total = null!, same = null!, reversed = null!;
        List<TaskHandle<long>> parts = null!;
        Declare(() =>
        {
            parts = [Task(T.Double, 1L), Task(T.Double, 2L)];
            total = CompoundTask(T.Total, parts.Cast<Handle<long>>().ToList());
            same = CompoundTask(T.Total, (IReadOnlyList<Handle<long>>)[Task(T.Double, 1L), Task(T.Double, 2L)]);
            reversed = CompoundTask(T.Total, (IReadOnlyList<Handle<long>>)[parts[1], parts[0]]);
        });

        Assert.Equal(total.Hash, same.Hash);
        Assert.NotEqual(total.Hash, reversed.Hash);
        var sum = Assert.Single(total.Task.Dependencies);
        Assert.Equal(2, sum.Dependencies.Count);
        Assert.Equal(parts.Select(p => p.Task), sum.Dependencies.Select(d => Assert.Single(d.Dependencies)));
    }

    [Fact]
    public void A_stored_compound_on_a_handle_is_not_rebuilt_and_depends_on_its_handle()
    {
        var runner = new StoringRunner(stored: true);
        Handle<long> compound = null!;
        TaskHandle<long> four = null!;
        var context = Declare(() => compound = CompoundTask(T.Twice, four = Task(T.Double, 2L)), runner);

        Assert.Equal(2, context.Graph.Count);
        Assert.Equal(four.Task, Assert.Single(compound.Task.Dependencies));
    }

    [Fact]
    public void A_view_indexed_by_a_task_is_identified_by_the_parent_and_the_index_task_and_needs_both()
    {
        Tasklet<long> byTask = null!, sameTask = null!, otherTask = null!, constant = null!;
        Tasklet<int> byName = null!;
        TaskHandle<long> consumer = null!;
        TaskHandle<int> three = null!;
        TaskHandle<long[]> range = null!;
        Declare(() =>
        {
            range = Task(T.Range, 5);
            three = Task(T.Index, 3);
            byTask = range.At(three);
            sameTask = Task(T.Range, 5).At(Task(T.Index, 3));
            otherTask = range.At(Task(T.Index, 2));
            constant = range.At(3);
            byName = Task(T.Ages, 40).At(Task(T.Name, "bob"));
            consumer = Task(T.Double, byTask);
        });

        Assert.Equal(byTask.Hash, sameTask.Hash);
        Assert.NotEqual(byTask.Hash, otherTask.Hash);
        Assert.NotEqual(byTask.Hash, constant.Hash);
        Assert.Equal(range.Task, byTask.Task);
        Assert.True(byTask.Reference.HasKeys);
        Assert.False(constant.Reference.HasKeys);
        Assert.Equal([range.Task, three.Task], consumer.Task.Dependencies);
        Assert.Equal([range.Task, three.Task], byTask.Reference.Sources);
        Assert.Equal($"{range.Task}[{three.Task}]", byTask.ToString());
        Assert.Equal(2, byName.Reference.Sources.Count());
    }

    [Fact]
    public void A_path_indexed_by_a_key_reads_it_from_lists_tuples_and_dictionaries()
    {
        TaskReference key = null!;
        Declare(() => key = Task(T.Index, 1).Reference);
        var step = ResultPathStep.AtValueOf(key);

        Assert.Equal(20L, ResultPath.Apply(new long[] { 10, 20 }, [step], _ => 1));
        Assert.Equal("b", ResultPath.Apply(("a", "b"), [step], _ => 1L));
        Assert.Equal(7, ResultPath.Apply(new Dictionary<string, int> { ["k"] = 7 }, [step], _ => "k"));
        Assert.Throws<KeyNotFoundException>(() => ResultPath.Apply(new Dictionary<string, int>(), [step], _ => "k"));
        Assert.Throws<InvalidOperationException>(() => ResultPath.Apply(new long[] { 1 }, [step], _ => "k"));
        Assert.Throws<InvalidOperationException>(() => ResultPath.Apply(new long[] { 1 }, [step]));
    }

    [Fact]
    public void A_function_view_is_not_a_task_and_is_identified_by_the_parent_and_the_functions_name_and_version()
    {
        TaskHandle<long> parent = null!;
        Tasklet<long> plus = null!, again = null!, minus = null!, versioned = null!, chained = null!;
        var context = Declare(() =>
        {
            parent = Task(T.Double, 4L);
            plus = parent.Select(T.PlusOne);
            again = Task(T.Double, 4L).Select(T.PlusOne);
            minus = parent.Select(T.MinusOne);
            versioned = parent.Select(T.PlusOneV2);
            chained = plus.Select(T.PlusOne);
        });

        Assert.Equal(1, context.Graph.Count);
        Assert.Equal(plus.Hash, again.Hash);
        Assert.NotEqual(plus.Hash, minus.Hash);
        Assert.NotEqual(plus.Hash, versioned.Hash);
        Assert.NotEqual(plus.Hash, chained.Hash);
        Assert.Equal(parent.Task, plus.Task);
        Assert.Equal(".Select(Jug.Cloud.Sdk.Tests.ViewAndCompoundTasks.PlusOneV2@v2)", ResultPath.Format(versioned.Reference.Path));

        // Applied when read, step by step; the function's own exception is what a consumer fails with.
        Assert.Equal(10L, ResultPath.Apply(8L, chained.Reference.Path));
        Tasklet<long> refusing = null!;
        Declare(() => refusing = Task(T.Double, 4L).Select(T.Refuse));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultPath.Apply(8L, refusing.Reference.Path));
    }

    [Fact]
    public void A_function_view_of_a_lambda_is_refused()
    {
        var error = Assert.Throws<JugDeclarationException>(() => Declare(() => Task(T.Double, 1L).Select(x => x + 1)));
        Assert.Contains("named static method", error.Message);
    }

    [Fact]
    public void BValue_of_a_view_indexed_by_a_task_runs_the_index_task_too()
    {
        var runner = new StoringRunner(stored: false);
        TaskHandle<int> index = null!;
        Assert.Throws<BarrierReachedException>(() => Declare(
            () =>
            {
                Task(T.Double, 9L);
                var range = Task(T.Range, 4);
                index = Task(T.Index, 1);
                BValue(range.At(index));
            },
            runner));

        Assert.Equal(2, runner.Scope.Count);
        Assert.Contains(index.Task, runner.Scope);
    }

    [Fact]
    public void Hooks_are_called_while_registered_and_a_failing_failure_hook_is_ignored()
    {
        TaskNode task = null!;
        Declare(() => task = Task(T.Double, 1L).Task);
        var seen = new List<string>();

        using (Hooks.OnStart(e => seen.Add($"start {e.Attempt}")))
        using (Hooks.OnFailure(_ => throw new InvalidOperationException("hook")))
        using (Hooks.OnFailure(e => seen.Add($"failed {e.Error!.Message}")))
        {
            var hooks = Assert.IsType<TaskHookSet>(TaskHooks.Current);
            hooks.Started(task, 2, "w");
            hooks.Finished(task, 2, "w", TimeSpan.Zero);
            hooks.Failed(task, 3, "w", TimeSpan.Zero, new InvalidOperationException("boom"));
        }

        Assert.Null(TaskHooks.Current);
        Assert.Equal(["start 2", "failed boom"], seen);
    }

    /// <summary>A runner that says every task is stored (or none is), and keeps the last scope it was asked for.</summary>
    private sealed class StoringRunner(bool stored) : IJugRunner
    {
        public IReadOnlyList<TaskNode> Scope { get; private set; } = [];

        public IResultStore Store { get; } = new ExistsStore(stored);

        public Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
        {
            Scope = scope;
            return System.Threading.Tasks.Task.FromResult(stored);
        }
    }
}

/// <summary>A result store that answers existence checks only, all yes or all no.</summary>
internal sealed class ExistsStore(bool stored) : IResultStore
{
    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(keys.Select(_ => stored).ToArray());

    public ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
