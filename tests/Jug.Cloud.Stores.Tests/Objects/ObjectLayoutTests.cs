using Jug.Cloud.Hashing;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Tests.Objects;

[Trait("Category", "Unit")]
public sealed class ObjectLayoutTests
{
    private static readonly TaskHash Key = CanonicalHash.OfValue("layout");

    [Fact]
    public void Keys_sit_in_one_folder_per_kind_under_the_prefix()
    {
        var layout = new ObjectLayout("team/run-1");
        Assert.Equal($"team/run-1/results/{Key}", layout.Result(Key));
        Assert.Equal($"team/run-1/claims/{Key}", layout.Claim(Key));
        Assert.Equal($"team/run-1/claim-intents/{Key}/", layout.Intents(Key));
        Assert.Equal($"team/run-1/failures/{Key}", layout.Failure(Key));
        Assert.Equal("team/run-1/bundles/0123456789abcdef", layout.Bundle("0123456789abcdef"));
        Assert.StartsWith("team/run-1/runs/", layout.NewRunBatch(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_prefix_puts_the_folders_at_the_root()
    {
        var layout = new ObjectLayout("");
        Assert.Equal($"results/{Key}", layout.Result(Key));
        Assert.Equal("claims/", layout.Claims);
        Assert.Equal("runs/", layout.Runs);
    }

    [Fact]
    public void Run_batches_are_distinct_and_sort_by_time()
    {
        var layout = new ObjectLayout("p");
        var first = layout.NewRunBatch();
        var second = layout.NewRunBatch();
        Assert.NotEqual(first, second);
        Assert.Matches(@"^p/runs/\d{8}T\d{9}-[0-9a-f]{32}$", first);
    }

    [Fact]
    public void A_key_parses_back_to_its_task_only_under_its_own_folder()
    {
        var layout = new ObjectLayout("p");
        Assert.True(ObjectLayout.TryParse(layout.Result(Key), layout.Results, out var parsed));
        Assert.Equal(Key, parsed);
        Assert.False(ObjectLayout.TryParse(layout.Result(Key), layout.Claims, out _));
        Assert.False(ObjectLayout.TryParse(layout.Result(Key) + "x", layout.Results, out _));
        Assert.False(ObjectLayout.TryParse(layout.Results + new string('g', 64), layout.Results, out _));
        Assert.False(ObjectLayout.TryParse(layout.Intents(Key) + "id", layout.Claims, out _));
    }
}
