using Jug.Cloud.Storage;

namespace Jug.Cloud.Core.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class StoreLocationTests
{
    [Fact]
    public void Bare_paths_resolve_against_the_base_directory()
    {
        var location = StoreLocation.Parse("data/run.jugdata", "/work/here");
        Assert.Equal("file", location.Scheme);
        Assert.Equal("/work/here/data/run.jugdata", location.Path);
    }

    [Fact]
    public void File_uris_and_memory_forms_parse()
    {
        Assert.Equal("/abs/dir", StoreLocation.Parse("file:///abs/dir").Path);
        var memory = StoreLocation.Parse("memory:");
        Assert.Equal("memory", memory.Scheme);
        Assert.Null(memory.Path);
        Assert.Equal("/base/x.bin", StoreLocation.Parse("memory:x.bin", "/base").Path);
    }

    [Fact]
    public void Server_uris_keep_host_port_and_query()
    {
        var location = StoreLocation.Parse("s3://bucket/prefix?endpoint=http://127.0.0.1:4568&region=us-east-1");
        Assert.Equal("s3", location.Scheme);
        Assert.Equal("bucket", location.Uri!.Host);
        Assert.Equal("us-east-1", location.Query["region"]);
    }

    [Fact]
    public void Passwords_never_show()
    {
        var location = StoreLocation.Parse("redis://user:secret@localhost:6379/0");
        Assert.DoesNotContain("secret", location.ToString());
        Assert.Contains("user:***@", location.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("redis://")]
    [InlineData("s3:/x")]
    public void Malformed_locations_fail_with_one_line(string text)
    {
        var error = Assert.Throws<JugStoreException>(() => StoreLocation.Parse(text));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unknown_scheme_names_the_input_and_the_supported_ones()
    {
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().Open("foo://x"));
        Assert.Contains("foo://x", error.Message);
        Assert.Contains("'foo'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
