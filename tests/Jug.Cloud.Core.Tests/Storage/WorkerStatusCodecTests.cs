using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Core.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class WorkerStatusCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(1));

    private static WorkerStatus Status(string worker = "silo-1/run@2") => new(
        worker, "build-7", 4242, Now.AddMinutes(-5), Now, Now.AddSeconds(15), 8, ["gpu"],
        [new WorkerTask(CanonicalHash.OfValue("t"), "Demo.Square", Now.AddSeconds(-1))], 12, 34);

    [Fact]
    public void A_record_round_trips_with_every_field()
    {
        var status = Status();
        var decoded = WorkerStatusCodec.Decode(WorkerStatusCodec.Encode(status));
        Assert.Equal(status, decoded);
        Assert.Equal(Now.Offset, decoded.Updated.Offset);
    }

    [Fact]
    public void Records_differing_only_in_a_running_task_or_tag_are_not_equal()
    {
        var status = Status();
        Assert.Equal(status, status with { Tags = ["gpu"] });
        Assert.NotEqual(status, status with { Tags = ["cpu"] });
        Assert.NotEqual(status, status with { Running = [] });
        Assert.NotEqual(status, status with { Running = [status.Running[0] with { TaskName = "Demo.Cube" }] });
    }

    [Fact]
    public void A_damaged_record_is_reported_corrupt_and_try_decode_gives_null()
    {
        var bytes = WorkerStatusCodec.Encode(Status());
        bytes[^3] ^= 0x20;
        Assert.Throws<CorruptObjectException>(() => WorkerStatusCodec.Decode(bytes));
        Assert.Null(WorkerStatusCodec.TryDecode(bytes));
        Assert.Null(WorkerStatusCodec.TryDecode(bytes.AsMemory(0, 10)));
    }

    [Fact]
    public void Object_names_are_fixed_length_lower_hex_and_differ_by_worker()
    {
        string[] workers = ["silo-1/run@2", "silo-1/run@3", "host:1", "a b/../c", "日本"];
        var names = workers.Select(WorkerStatusCodec.ObjectName).ToArray();
        Assert.All(names, n => Assert.Matches("^[0-9a-f]{32}$", n));
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(names[0], WorkerStatusCodec.ObjectName("silo-1/run@2"));
        Assert.Throws<ArgumentException>(() => WorkerStatusCodec.ObjectName(""));
    }

    [Fact]
    public void Expiry_and_listing_window_follow_the_record()
    {
        var status = Status();
        Assert.False(status.IsExpired(Now));
        Assert.True(status.IsExpired(status.ExpiresAt));
        Assert.False(status.IsGone(status.ExpiresAt + WorkerStatus.ListedAfterExpiry - TimeSpan.FromTicks(1)));
        Assert.True(status.IsGone(status.ExpiresAt + WorkerStatus.ListedAfterExpiry));
    }
}
