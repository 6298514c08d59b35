using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class TaskDigestTests
{
    private static readonly TaskHash A = CanonicalHash.OfValue("a");
    private static readonly TaskHash B = CanonicalHash.OfValue("b");

    private static TaskHash Stream(string name, int version, Action<HashWriter> arguments)
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.BeginTask(name, version);
            arguments(writer);
            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    private static TaskReference Reference(TaskHash hash) =>
        new(new TaskNode(hash, "T", typeof(TaskDigestTests).GetMethod(nameof(Reference), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
            [], typeof(int), _ => ValueTask.FromResult<object?>(null), TaskOptions.Default), [], hash);

    [Fact]
    public void Digest_form_matches_the_writer_for_references_and_lists()
    {
        var streamed = Stream("Demo.F", 1, w =>
        {
            w.WriteReferenceArgument(A);
            w.WriteReferenceListArgument([A, B]);
            w.WriteValueDigestArgument(B);
        });
        var digested = CanonicalHash.OfTask("Demo.F", 1,
            [ArgumentDigest.ForReference(A), ArgumentDigest.ForReferenceList([A, B]), new ArgumentDigest(ArgumentKind.Value, B)]);
        Assert.Equal(streamed, digested);
    }

    [Fact]
    public void A_list_of_task_references_hashes_like_their_hashes()
    {
        var fromReferences = Stream("Demo.F", 0, w => w.WriteReferenceListArgument(new[] { Reference(A), Reference(B) }));
        var fromHashes = Stream("Demo.F", 0, w => w.WriteReferenceListArgument([A, B]));
        Assert.Equal(fromHashes, fromReferences);
    }

    [Fact]
    public void A_value_inline_and_a_value_by_digest_are_different_arguments()
    {
        var inline = Stream("Demo.F", 0, w => w.WriteValueArgument(3));
        var digest = CanonicalHash.OfTask("Demo.F", 0, [ArgumentDigest.ForValue(3)]);
        Assert.NotEqual(inline, digest);
    }

    [Fact]
    public void Name_version_argument_kind_and_order_all_matter()
    {
        var digests = new[]
        {
            Stream("Demo.F", 0, w => { w.WriteReferenceArgument(A); w.WriteReferenceArgument(B); }),
            Stream("Demo.F", 0, w => { w.WriteReferenceArgument(B); w.WriteReferenceArgument(A); }),
            Stream("Demo.G", 0, w => { w.WriteReferenceArgument(A); w.WriteReferenceArgument(B); }),
            Stream("Demo.F", 1, w => { w.WriteReferenceArgument(A); w.WriteReferenceArgument(B); }),
            Stream("Demo.F", 0, w => w.WriteReferenceListArgument([A, B])),
            Stream("Demo.F", 0, w => { w.WriteValueArgument(A); w.WriteValueArgument(B); }),
            Stream("Demo.F", 0, w => w.WriteReferenceListArgument(ReadOnlySpan<TaskHash>.Empty)),
            Stream("Demo.F", 0, _ => { }),
        };
        Assert.Equal(digests.Length, digests.Distinct().Count());
    }

    [Fact]
    public void Tasklet_paths_distinguish_index_member_and_parent()
    {
        var digests = new[]
        {
            CanonicalHash.OfTasklet(A, [ResultPathStep.At(0)]),
            CanonicalHash.OfTasklet(A, [ResultPathStep.At(1)]),
            CanonicalHash.OfTasklet(A, [ResultPathStep.Field("0")]),
            CanonicalHash.OfTasklet(A, [ResultPathStep.At(0), ResultPathStep.At(0)]),
            CanonicalHash.OfTasklet(B, [ResultPathStep.At(0)]),
            CanonicalHash.OfTasklet(A, []),
            A,
        };
        Assert.Equal(digests.Length, digests.Distinct().Count());
    }

    [Fact]
    public void Begin_task_refuses_a_writer_that_already_holds_data()
    {
        var writer = HashWriter.Rent();
        writer.Write(1);
        Assert.Throws<InvalidOperationException>(() => writer.BeginTask("Demo.F", 0));
        HashWriter.Return(writer);
    }

    [Fact]
    public void An_unknown_argument_kind_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalHash.OfTask("Demo.F", 0, [new ArgumentDigest((ArgumentKind)9, A)]));
}
